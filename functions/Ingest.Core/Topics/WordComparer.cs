namespace Ingest.Core.Topics;

/// <summary>
/// Ordinal equality for the trie's words with a cheap hash (FNV-1a over the letters): the keys are the model's
/// own words, fixed at load time, so the randomised hashing that guards dictionaries against crafted keys buys
/// nothing here, and a word looked up as a span of the text needs no string.
/// </summary>
internal sealed class WordComparer : IEqualityComparer<string>, IAlternateEqualityComparer<ReadOnlySpan<char>, string>
{
    public static readonly WordComparer Instance = new();

    public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

    public int GetHashCode(string word) => Hash(word);

    public bool Equals(ReadOnlySpan<char> alternate, string other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<char> alternate) => Hash(alternate);

    public string Create(ReadOnlySpan<char> alternate) => new(alternate);

    private static int Hash(ReadOnlySpan<char> word)
    {
        var hash = 2166136261u;
        foreach (var c in word)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }
}
