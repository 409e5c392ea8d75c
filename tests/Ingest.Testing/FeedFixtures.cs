using System.Text.Json.Nodes;
namespace Ingest.Testing;

/// <summary>
/// The fixture corpus under <c>Fixtures/Feeds</c>: every feed file has a <c>.expected.json</c> beside it holding
/// the fields it asserts (a subset of the <c>ingest feeds parse</c> contract), or the error it must fail with.
/// </summary>
public static class FeedFixtures
{
    public static string Directory { get; } = Path.Combine(RepositoryRoot.Path, "tests", "Ingest.Core.Tests", "Fixtures", "Feeds");

    public static IEnumerable<string> Names =>
        System.IO.Directory.EnumerateFiles(Directory)
            .Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal))
            .Select(f => Path.GetFileName(f))
            .Order(StringComparer.Ordinal);

    public static Xunit.TheoryData<string> All => [.. Names];

    public static string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>The article pages beside the feeds, for extraction.</summary>
    public static string PagesDirectory { get; } = Path.Combine(RepositoryRoot.Path, "tests", "Ingest.Core.Tests", "Fixtures", "Pages");

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Directory, name));

    public static JsonObject Expected(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, Path.GetFileNameWithoutExtension(name) + ".expected.json")))!.AsObject();
}
