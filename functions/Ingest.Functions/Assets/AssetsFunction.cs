using Microsoft.Azure.Functions.Worker;
using System.Collections.Frozen;

namespace Ingest.Functions.Assets;

/// <summary><c>GET /api/assets/{name}</c>: the pages' stylesheet and scripts, built into the handler so a deployment cannot lose them.</summary>
public sealed class AssetsFunction
{
    private static readonly FrozenDictionary<string, (string ContentType, byte[] Bytes)> Files = new Dictionary<string, (string, byte[])>
    {
        ["ingest.css"] = ("text/css; charset=utf-8", Read("ingest.css")),
        ["subscribe.js"] = ("text/javascript; charset=utf-8", Read("subscribe.js")),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    [Function("Assets")]
    public IResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/{name}")] HttpRequest request, string name)
    {
        var response = request.HttpContext.Response;
        if (!Files.TryGetValue(name, out var file))
        {
            return Results.NotFound();
        }

        response.Headers.CacheControl = "public, max-age=3600";
        response.Headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(file.Bytes, file.ContentType);
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(AssetsFunction).Assembly.GetManifestResourceStream("Ingest.Functions.Assets." + name)
            ?? throw new InvalidOperationException($"the asset {name} is not built into the handler");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
