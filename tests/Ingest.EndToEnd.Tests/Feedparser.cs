using System.Text.Json;
using Ingest.Testing;

namespace Ingest.EndToEnd.Tests;

/// <summary>Debian's python3-feedparser (installed by <c>scripts/install-tools.sh</c>): a feed parser that is not Ingest's, to judge the feeds Ingest writes.</summary>
internal static class Feedparser
{
    /// <summary>What feedparser makes of a document: its bozo flag, version, and each entry's title, link and author.</summary>
    public static async Task<JsonDocument> ParseAsync(string document)
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, document);
        const string script = """
            import feedparser, json, sys
            d = feedparser.parse(sys.argv[1])
            print(json.dumps({"bozo": bool(d.bozo), "bozo_exception": str(d.get("bozo_exception", "")), "version": d.version,
                              "entries": [{"title": e.get("title"), "link": e.get("link"), "author": e.get("author")} for e in d.entries]}))
            """;
        using var python = ChildProcess.Start("/usr/bin/python3", ["-c", script, file], Path.GetTempPath());
        Assert.True(await python.WaitForExitAsync(TimeSpan.FromSeconds(60)) == 0, python.Output);
        File.Delete(file);
        // Standard error shares the output; the answer is the one JSON line.
        return JsonDocument.Parse(python.Output.Split('\n').Last(line => line.StartsWith('{')));
    }
}
