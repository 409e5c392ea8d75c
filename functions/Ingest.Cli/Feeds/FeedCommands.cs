using System.CommandLine;
using Ingest.Core.Feeds;

namespace Ingest.Cli.Feeds;

/// <summary><c>ingest feeds …</c>: read feeds the way the service does, and print what it sees.</summary>
internal static class FeedCommands
{
    public static Command Create()
    {
        var source = new Argument<string>("source") { Description = "A feed file (RSS, Atom or JSON Feed)." };
        var parse = new Command("parse", "Parse a feed and print it as JSON: format, channel fields, items and warnings. Exits 2 with a one-line reason when the input is not a feed or is unsafe.")
        {
            source,
        };
        CommandAction.Set(parse, async (parseResult, context, cancellationToken) =>
        {
            var path = parseResult.GetValue(source)!;
            var bytes = await ReadFileAsync(path, cancellationToken);
            var feed = FeedParser.Parse(bytes);
            await context.Output.WriteLineAsync(FeedContractJson.Write(feed));
            return ExitCodes.Success;
        });

        return new Command("feeds", "Read feeds the way the service does.") { parse };
    }

    private static async Task<byte[]> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"{path}: no such file", ExitCodes.BadInput);
        }

        return await File.ReadAllBytesAsync(path, cancellationToken);
    }
}
