using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Ingest.Cli.Samples;

/// <summary>
/// <c>ingest samples serve</c>: serves the offline sample feeds and article pages (<c>seeds/samples/</c>) on
/// loopback, with ETag and Last-Modified so conditional GETs get their 304s, for the local defaults' catalogue.
/// </summary>
internal static class SamplesCommand
{
    public static Command Create()
    {
        var folder = new Option<DirectoryInfo>("--folder")
        {
            Description = "The folder to serve (default: seeds/samples).",
            DefaultValueFactory = _ => new DirectoryInfo("seeds/samples"),
        };
        var port = new Option<int>("--port") { Description = "The loopback port (default: 7080).", DefaultValueFactory = _ => 7080 };
        var serve = new Command("serve", "Serve the sample feeds and pages on http://127.0.0.1:PORT/ until Ctrl+C.") { folder, port };
        CommandAction.Set(serve, async (parseResult, context, cancellationToken) =>
        {
            var root = parseResult.GetValue(folder)!;
            if (!root.Exists)
            {
                throw new CliException($"{root.FullName} does not exist", ExitCodes.BadInput);
            }

            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls($"http://127.0.0.1:{parseResult.GetValue(port)}");
            builder.Logging.ClearProviders();
            await using var web = builder.Build();
            var types = new FileExtensionContentTypeProvider();
            types.Mappings[".xml"] = "application/rss+xml";
            types.Mappings[".atom"] = "application/atom+xml";
            types.Mappings[".json"] = "application/feed+json";
            web.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(root.FullName), ContentTypeProvider = types });
            await web.StartAsync(cancellationToken);
            await context.Output.WriteLineAsync($"Serving {root.FullName} on http://127.0.0.1:{parseResult.GetValue(port)}/");
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
