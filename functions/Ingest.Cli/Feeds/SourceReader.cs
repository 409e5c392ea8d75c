using Ingest.Core.Fetching;
using Ingest.Core.Settings;
using Microsoft.Extensions.Configuration;

namespace Ingest.Cli.Feeds;

/// <summary>What a command was pointed at, read from disk or fetched the way the service fetches.</summary>
internal sealed record Source(byte[] Bytes, Uri? Uri, string? Charset);

internal static class SourceReader
{
    public static async Task<Source> ReadAsync(string source, IConfiguration settings, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            var options = FetchSettings.Read(settings);
            using var client = new HttpClient(FetchHttpHandler.Create(options));
            var result = await new FeedFetcher(client, options, TimeProvider.System).FetchAsync(new FetchRequest(uri), cancellationToken);
            return result.Status == FetchStatus.Ok
                ? new Source(result.Body!, result.FinalUri, result.Charset)
                : throw new CliException($"{uri}: {result.Error ?? result.Status.ToString()}");
        }

        if (!File.Exists(source))
        {
            throw new CliException($"{source}: no such file", ExitCodes.BadInput);
        }

        return new Source(await File.ReadAllBytesAsync(source, cancellationToken), null, null);
    }
}
