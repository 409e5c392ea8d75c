using System.CommandLine;
using System.Globalization;
using Ingest.Cli.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Ingest.Cli.Samples;

/// <summary>
/// <c>ingest samples serve</c>: serves the offline sample feeds and article pages (<c>seeds/samples/</c>) on
/// loopback, with ETag and Last-Modified so conditional GETs get their 304s, for the local defaults' catalogue; and
/// <c>/live.xml</c>, the live desk, which publishes a new article of its pool every <c>--pace</c> seconds.
/// </summary>
internal static class SamplesCommand
{
    public static Command Create()
    {
        var folder = new Option<DirectoryInfo>("--folder")
        {
            Description = "The folder to serve (default: seeds/samples).",
            DefaultValueFactory = _ => new DirectoryInfo(Repository.Resolve("seeds/samples")),
        };
        var port = new Option<int>("--port") { Description = "The loopback port (default: 7080).", DefaultValueFactory = _ => 7080 };
        var pace = new Option<int>("--pace") { Description = "Seconds between the live desk's new articles (default: 120).", DefaultValueFactory = _ => 120 };
        var serve = new Command("serve", "Serve the sample feeds and pages on http://127.0.0.1:PORT/, and a live feed (/live.xml) with a new article every --pace seconds, until Ctrl+C.") { folder, port, pace };
        CommandAction.Set(serve, async (parseResult, context, cancellationToken) =>
        {
            var root = parseResult.GetValue(folder)!;
            if (!root.Exists)
            {
                throw new CliException($"{root.FullName} does not exist", ExitCodes.BadInput);
            }

            if (parseResult.GetValue(pace) is < 1 or > 86_400)
            {
                throw new CliException("--pace must be from 1 to 86400 seconds", ExitCodes.BadInput);
            }

            var live = LiveDesk.Load(Path.Combine(root.FullName, "live", "pool.json"), TimeSpan.FromSeconds(parseResult.GetValue(pace)), TimeProvider.System);
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls($"http://127.0.0.1:{parseResult.GetValue(port)}");
            builder.Logging.ClearProviders();
            await using var web = builder.Build();
            var types = new FileExtensionContentTypeProvider();
            types.Mappings[".xml"] = "application/rss+xml";
            types.Mappings[".atom"] = "application/atom+xml";
            types.Mappings[".json"] = "application/feed+json";
            web.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(root.FullName), ContentTypeProvider = types });
            web.MapGet("/live.xml", (HttpContext http) =>
            {
                var etag = live.ETag;
                http.Response.Headers.ETag = etag;
                http.Response.Headers.LastModified = live.LastPublishedAt.ToString("R", CultureInfo.InvariantCulture);
                return http.Request.Headers.IfNoneMatch == etag
                    ? Results.StatusCode(StatusCodes.Status304NotModified)
                    : Results.Text(live.Rss(new Uri($"http://127.0.0.1:{parseResult.GetValue(port)}/")), "application/rss+xml; charset=utf-8");
            });
            await web.StartAsync(cancellationToken);
            await context.Output.WriteLineAsync($"Serving {root.FullName} on http://127.0.0.1:{parseResult.GetValue(port)}/, and a new live article every {parseResult.GetValue(pace)} s on /live.xml");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            return ExitCodes.Success;
        });
        return new Command("samples", "The offline sample feeds of the local defaults.") { serve };
    }
}
