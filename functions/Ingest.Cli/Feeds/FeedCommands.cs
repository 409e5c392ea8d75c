using System.CommandLine;
using System.Text.Json;
using Ingest.Composition;
using Ingest.Core.Feeds;
using Ingest.Core.Feeds.Discovery;
using Ingest.Core.Feeds.Encodings;
using Ingest.Core.Model;
using Ingest.Core.Polling;
using Microsoft.Extensions.DependencyInjection;

namespace Ingest.Cli.Feeds;

/// <summary><c>ingest feeds …</c>: read feeds the way the service does, and print what it sees.</summary>
internal static class FeedCommands
{
    public static Command Create()
    {
        var parseSource = SourceArgument("A feed file or http(s) URL (RSS, Atom or JSON Feed).");
        var parse = new Command("parse", "Parse a feed and print it as JSON: format, channel fields, items and warnings. Exits 2 with a one-line reason when the input is not a feed or is unsafe.")
        {
            parseSource,
        };
        CommandAction.Set(parse, async (parseResult, context, cancellationToken) =>
        {
            var source = await SourceReader.ReadAsync(parseResult.GetValue(parseSource)!, context.Settings, cancellationToken);
            var feed = FeedParser.Parse(source.Bytes, source.Uri, source.Charset);
            await context.Output.WriteLineAsync(FeedContractJson.Write(feed));
            return ExitCodes.Success;
        });

        var discoverSource = SourceArgument("An HTML page file or http(s) URL.");
        var discover = new Command("discover", "List the feeds a web page announces with <link rel=\"alternate\">, as a JSON array of {url, type, title}.")
        {
            discoverSource,
        };
        CommandAction.Set(discover, async (parseResult, context, cancellationToken) =>
        {
            var source = await SourceReader.ReadAsync(parseResult.GetValue(discoverSource)!, context.Settings, cancellationToken);
            var html = FeedTextDecoder.Decode(source.Bytes, source.Charset).Text;
            var feeds = FeedDiscovery.Discover(html, source.Uri)
                .Select(f => new { url = f.Url, type = f.MediaType, title = f.Title });
            await context.Output.WriteLineAsync(JsonSerializer.Serialize(feeds, CliJson.Options));
            return ExitCodes.Success;
        });

        var catalogue = new Option<FileInfo?>("--file") { Description = "The catalogue to import (default: the FeedsPath setting)." };
        var opmlFile = new Argument<FileInfo?>("opml") { Description = "An OPML file of feeds (any feed reader's export) to add to the catalogue first.", Arity = ArgumentArity.ZeroOrOne };
        var import = new Command("import", "Bring the feed catalogue into the Feeds table: new feeds are added; stored feeds take the catalogue's title, language and full-text flag and keep their address and poll state. Given an OPML file, its feeds that the catalogue lacks are first added to the catalogue file, each with where it came from.")
        {
            catalogue,
            opmlFile,
        };
        CommandAction.Set(import, async (parseResult, context, cancellationToken) =>
        {
            var path = parseResult.GetValue(catalogue)?.FullName ?? context.SettingsFile("FeedsPath", "seeds/feeds.json");
            if (parseResult.GetValue(opmlFile) is { } opml)
            {
                var added = await OpmlImport.AddToCatalogueAsync(opml, path, DateTimeOffset.UtcNow, cancellationToken);
                await context.Output.WriteLineAsync($"{opml.Name}: {added.Feeds} feeds, {added.New} new added to {path}.");
            }

            var feeds = Ingest.Core.Polling.FeedCatalog.LoadFile(path);
            using var services = IngestServices.Build(context.Settings, context.SettingsFolder);
            await services.GetRequiredService<IStorageSetup>().EnsureCreatedAsync(cancellationToken);
            var result = await services.GetRequiredService<CatalogImport>().ImportAsync(feeds, cancellationToken);
            await context.Output.WriteLineAsync($"{path}: {feeds.Count} feeds; {result}.");
            return ExitCodes.Success;
        });

        var asOpml = new Option<bool>("--opml") { Description = "Write OPML 2.0, which every feed reader imports (the only format for now)." };
        var export = new Command("export", "Print the feed catalogue (the FeedsPath setting, or --file) for a feed reader: feeds grouped by country, with their home pages and languages.")
        {
            catalogue,
            asOpml,
        };
        CommandAction.Set(export, async (parseResult, context, cancellationToken) =>
        {
            if (!parseResult.GetValue(asOpml))
            {
                throw new CliException("say which format: --opml", ExitCodes.BadInput);
            }

            var path = parseResult.GetValue(catalogue)?.FullName ?? context.SettingsFile("FeedsPath", "seeds/feeds.json");
            var entries = Ingest.Core.Polling.FeedCatalog.LoadEntries(await File.ReadAllTextAsync(path, cancellationToken), path);
            await context.Output.WriteAsync(OpmlCatalog.Write(entries, "Ingest: the feeds it reads", DateTimeOffset.UtcNow));
            return ExitCodes.Success;
        });

        return new Command("feeds", "Read feeds the way the service does, and manage the feed catalogue.") { parse, discover, import, export };
    }

    internal static Argument<string> SourceArgument(string description) => new("source") { Description = description };
}
