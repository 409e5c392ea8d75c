using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace Ingest.Functions.Queues;

/// <summary>
/// How many times the host delivers a queue message before it moves it to the poison queue: host.json's
/// <c>extensions.queues.maxDequeueCount</c>, or the app setting that overrides it, 5 when neither says. The worker
/// needs it only to tell a failure that will be tried again from the last one, which its metrics count apart.
/// </summary>
public sealed record QueueTries(int MaxDequeueCount)
{
    /// <summary>The app setting <c>AzureFunctionsJobHost__extensions__queues__maxDequeueCount</c>, as configuration names it.</summary>
    public const string Override = "AzureFunctionsJobHost:extensions:queues:maxDequeueCount";

    public static QueueTries Read(IConfiguration configuration, string appRoot)
    {
        if (int.TryParse(configuration[Override], NumberStyles.None, CultureInfo.InvariantCulture, out var set) && set > 0)
        {
            return new QueueTries(set);
        }

        var hostJson = Path.Combine(appRoot, "host.json");
        var declared = File.Exists(hostJson) ? JsonNode.Parse(File.ReadAllText(hostJson))?["extensions"]?["queues"]?["maxDequeueCount"] : null;
        return new QueueTries(declared is not null && declared.GetValueKind() == System.Text.Json.JsonValueKind.Number ? (int)declared : 5);
    }

    /// <summary>Whether an invocation on delivery <paramref name="dequeueCount"/> that fails is the message's last.</summary>
    public bool IsLast(string? dequeueCount) =>
        int.TryParse(dequeueCount, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= MaxDequeueCount;
}
