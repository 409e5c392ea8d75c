using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ingest.Core.Extraction;
using Ingest.Core.Feeds.Encodings;

namespace Ingest.Cli.Feeds;

/// <summary><c>ingest extract</c>: the article text and metadata the service would match on.</summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var source = FeedCommands.SourceArgument("An article page file or http(s) URL.");
        var command = new Command("extract", "Extract an article page's main text, title, canonical URL, publication time and language, as JSON with the article key.")
        {
            source,
        };
        CommandAction.Set(command, async (parseResult, context, cancellationToken) =>
        {
            var page = await SourceReader.ReadAsync(parseResult.GetValue(source)!, context.Settings, cancellationToken);
            var article = ArticleExtractor.Extract(FeedTextDecoder.Decode(page.Bytes, page.Charset).Text, page.Uri);
            var address = article.CanonicalUrl ?? page.Uri?.AbsoluteUri;
            var output = new
            {
                title = article.Title,
                canonicalUrl = article.CanonicalUrl,
                articleKey = address is null ? null : UrlCanonicalizer.ArticleKey(address),
                publishedAt = article.PublishedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                language = article.Language,
                text = article.Text,
            };
            await context.Output.WriteLineAsync(JsonSerializer.Serialize(output, CliJson.Options));
            return ExitCodes.Success;
        });
        return command;
    }
}
