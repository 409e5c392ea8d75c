using Ingest.Core.Topics;

namespace Ingest.Core.Stories;

/// <summary>
/// What two reports of one event share, in a fixed size: a MinHash of the word 3-grams of the normalised title and
/// opening (scripts and diacritics folded, so a Cyrillic and a Latin copy meet), and how many 3-grams there were.
/// From two signatures come an estimate of their Jaccard similarity and of how much of the shorter one the longer
/// contains, which is what a trimmed reprint keeps.
/// </summary>
public sealed record StorySignature(ulong[] Hashes, int ShingleCount)
{
    public const int HashCount = 60;

    /// <summary>Bands of two hashes: a pair of reports whose Jaccard similarity is 0.3 shares one with probability ~0.97.</summary>
    public const int RowsPerBand = 2;

    /// <summary>Words read from the title and the text: enough for a news report's opening, bounded for a long page.</summary>
    public const int MaxWords = 400;

    /// <summary>Estimated Jaccard similarity at which two reports are one story.</summary>
    public const double SameStoryJaccard = 0.5;

    /// <summary>Estimated share of the shorter report found in the longer at which it is a trimmed copy.</summary>
    public const double SameStoryContainment = 0.7;

    private static readonly ulong[] Seeds = Enumerable.Range(0, HashCount).Select(i => Mix(0x9E3779B97F4A7C15UL * (ulong)(i + 1))).ToArray();

    public static StorySignature Of(string title, string text)
    {
        var words = TextNormalizer.Tokenize(title).Concat(TextNormalizer.Tokenize(text)).Take(MaxWords).Select(t => Fnv(t.Letters)).ToList();
        var shingles = new HashSet<ulong>();
        for (var i = 0; i + 2 < words.Count; i++)
        {
            shingles.Add(Mix(words[i] ^ Mix(words[i + 1] ^ Mix(words[i + 2]))));
        }

        if (shingles.Count == 0)
        {
            // Fewer than three words: the words themselves.
            shingles.UnionWith(words);
        }

        var hashes = new ulong[HashCount];
        Array.Fill(hashes, ulong.MaxValue);
        foreach (var shingle in shingles)
        {
            for (var i = 0; i < HashCount; i++)
            {
                hashes[i] = Math.Min(hashes[i], Mix(shingle ^ Seeds[i]));
            }
        }

        return new StorySignature(hashes, shingles.Count);
    }

    /// <summary>The share of hash positions that agree: an unbiased estimate of the two 3-gram sets' Jaccard similarity.</summary>
    public double Jaccard(StorySignature other)
    {
        var same = 0;
        for (var i = 0; i < HashCount; i++)
        {
            same += Hashes[i] == other.Hashes[i] && Hashes[i] != ulong.MaxValue ? 1 : 0;
        }

        return (double)same / HashCount;
    }

    /// <summary>How much of the shorter report the longer holds, from the Jaccard estimate and the two set sizes.</summary>
    public double Containment(StorySignature other)
    {
        var jaccard = Jaccard(other);
        var smaller = Math.Min(ShingleCount, other.ShingleCount);
        return smaller == 0 ? 0 : Math.Min(1, jaccard * (ShingleCount + other.ShingleCount) / ((1 + jaccard) * smaller));
    }

    public bool IsSameStory(StorySignature other) => Jaccard(other) >= SameStoryJaccard || Containment(other) >= SameStoryContainment;

    /// <summary>
    /// One key per band of <see cref="RowsPerBand"/> hashes: reports that share a key are candidates for one story,
    /// checked with <see cref="IsSameStory"/>. Keys are what concurrent polls claim, so two reports of one event that
    /// arrive at once meet on a key instead of founding two stories.
    /// </summary>
    public IReadOnlyList<string> BandKeys()
    {
        var keys = new string[HashCount / RowsPerBand];
        for (var band = 0; band < keys.Length; band++)
        {
            var hash = (ulong)band;
            for (var row = 0; row < RowsPerBand; row++)
            {
                hash = Mix(hash ^ Hashes[(band * RowsPerBand) + row]);
            }

            keys[band] = $"{band:00}-{hash:x16}";
        }

        return keys;
    }

    public string Serialize() => $"{ShingleCount}:{Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Hashes.AsSpan()))}";

    public static StorySignature? Parse(string? text)
    {
        var colon = text?.IndexOf(':') ?? -1;
        if (colon <= 0 || !int.TryParse(text.AsSpan(0, colon), out var count))
        {
            return null;
        }

        try
        {
            var bytes = Convert.FromBase64String(text![(colon + 1)..]);
            return bytes.Length == HashCount * sizeof(ulong)
                ? new StorySignature(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(bytes).ToArray(), count)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>FNV-1a over a word's letters: the same in every process, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static ulong Fnv(ReadOnlySpan<char> word)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in word)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>SplitMix64's finaliser: spreads every input bit over the output.</summary>
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
