using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace Ingest.Host;

/// <summary>A function and what triggers it, from its folder's <c>function.json</c>.</summary>
public abstract record FunctionDefinition(string Name, string Binding);

public sealed record TimerFunction(string Name, string Binding, string Schedule, bool RunOnStartup) : FunctionDefinition(Name, Binding);

public sealed record QueueFunction(string Name, string Binding, string QueueName, string Connection) : FunctionDefinition(Name, Binding);

public sealed record HttpFunction(string Name, string Binding, string Route, IReadOnlyList<string> Methods) : FunctionDefinition(Name, Binding);

/// <summary>The queue trigger's settings (<c>extensions.queues</c>), with the Functions defaults.</summary>
public sealed record QueueSettings(TimeSpan MaxPollingInterval, TimeSpan VisibilityTimeout, int BatchSize, int NewBatchThreshold, int MaxDequeueCount, bool Base64);

/// <summary>
/// A function app folder as the Functions host reads it: <c>host.json</c> beside the isolated worker's build output
/// (<c>worker.config.json</c>); the functions themselves come from the worker (<see cref="Define(IEnumerable{Ingest.Host.WorkerFunction}, IConfiguration)"/>).
/// As in Azure, app settings named <c>AzureFunctionsJobHost__path__to__key</c> override host.json values, and
/// <c>%Setting%</c> in a timer schedule is read from the app settings.
/// </summary>
public sealed record FunctionApp(
    string Root,
    QueueSettings Queues,
    string RoutePrefix,
    TimeSpan? FunctionTimeout)
{
    private const string OverridePrefix = "AzureFunctionsJobHost";

    public static FunctionApp Load(string root, IConfiguration settings)
    {
        root = Path.GetFullPath(root);
        var hostPath = Path.Combine(root, "host.json");
        if (!File.Exists(hostPath))
        {
            throw new HostSetupException($"{root} is not a function app: it has no host.json (build it with 'dotnet build functions/Ingest.Functions', or point --app at a published folder)", badInput: true);
        }

        var host = ReadJson(hostPath) as JsonObject ?? throw new HostSetupException($"{hostPath}: must be a JSON object", badInput: true);
        ApplyOverrides(host, settings.GetSection(OverridePrefix));

        if (!File.Exists(Path.Combine(root, "worker.config.json")))
        {
            throw new HostSetupException($"{root} is not an isolated worker's build output: it has no worker.config.json (build functions/Ingest.Functions)", badInput: true);
        }

        var queues = host["extensions"]?["queues"];
        var batchSize = Int(queues?["batchSize"], 16, hostPath, "batchSize");
        var queueSettings = new QueueSettings(
            Span(queues?["maxPollingInterval"], TimeSpan.FromMinutes(1), hostPath),
            Span(queues?["visibilityTimeout"], TimeSpan.Zero, hostPath),
            Math.Clamp(batchSize, 1, 32),
            Int(queues?["newBatchThreshold"], batchSize / 2 * Environment.ProcessorCount, hostPath, "newBatchThreshold"),
            Math.Max(1, Int(queues?["maxDequeueCount"], 5, hostPath, "maxDequeueCount")),
            !string.Equals(queues?["messageEncoding"]?.GetValue<string>(), "none", StringComparison.OrdinalIgnoreCase));

        return new FunctionApp(
            root,
            queueSettings,
            host["extensions"]?["http"]?["routePrefix"]?.GetValue<string>() ?? "api",
            host["functionTimeout"]?.GetValue<string>() is { } timeout && TimeSpan.TryParse(timeout, out var t) && t > TimeSpan.Zero ? t : null);
    }

    /// <summary>What each function the worker reported runs on, from its trigger binding, with <c>%Setting%</c> schedules resolved.</summary>
    public static IReadOnlyList<FunctionDefinition> Define(IEnumerable<Ingest.Host.WorkerFunction> functions, IConfiguration settings) =>
        [.. functions.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => Define(f, settings))];

    private static FunctionDefinition Define(Ingest.Host.WorkerFunction function, IConfiguration settings)
    {
        var name = function.Name;
        var trigger = function.Trigger ?? throw new HostSetupException($"{name}: the worker reported no trigger binding", badInput: true);
        var binding = function.TriggerName ?? throw new HostSetupException($"{name}: the trigger binding has no name", badInput: true);
        switch (function.TriggerType!.ToLowerInvariant())
        {
            case "timertrigger":
                var schedule = trigger["schedule"]?.GetValue<string>() ?? throw new HostSetupException($"{name}: the timer has no schedule", badInput: true);
                if (schedule.Length > 2 && schedule[0] == '%' && schedule[^1] == '%')
                {
                    var setting = schedule[1..^1];
                    schedule = settings[setting.Replace("__", ":", StringComparison.Ordinal)]
                        ?? throw new HostSetupException($"{name}: the schedule names app setting {setting}, which is not set", badInput: true);
                }

                return new TimerFunction(name, binding, schedule, Flag(trigger["runOnStartup"]));
            case "queuetrigger":
                return new QueueFunction(
                    name,
                    binding,
                    trigger["queueName"]?.GetValue<string>() ?? throw new HostSetupException($"{name}: the queue trigger has no queueName", badInput: true),
                    trigger["connection"]?.GetValue<string>() is { Length: > 0 } connection ? connection : "AzureWebJobsStorage");
            case "httptrigger":
                var methods = (trigger["methods"] as JsonArray)?.Select(m => m!.GetValue<string>().ToUpperInvariant()).ToList() ?? [];
                return new HttpFunction(name, binding, trigger["route"]?.GetValue<string>() ?? name, methods);
            default:
                throw new HostSetupException($"{name}: ingest host does not run {function.TriggerType} functions", badInput: true);
        }
    }

    private static bool Flag(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.String => bool.TryParse(node.GetValue<string>(), out var flag) && flag,
        _ => false,
    };

    private static void ApplyOverrides(JsonObject host, IConfigurationSection overrides)
    {
        foreach (var (key, value) in overrides.AsEnumerable(makePathsRelative: true))
        {
            if (value is null)
            {
                continue;
            }

            var parts = key.Split(':');
            var node = host;
            foreach (var part in parts[..^1])
            {
                node = node[part] as JsonObject ?? (JsonObject)(node[part] = new JsonObject());
            }

            node[parts[^1]] = bool.TryParse(value, out var flag) ? JsonValue.Create(flag)
                : int.TryParse(value, out var number) ? JsonValue.Create(number)
                : JsonValue.Create(value);
        }
    }

    private static JsonNode? ReadJson(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new HostSetupException($"{path}: not valid JSON ({ex.Message})", badInput: true);
        }
    }

    private static int Int(JsonNode? node, int fallback, string path, string name) =>
        node is null ? fallback
        : node.GetValueKind() == JsonValueKind.Number ? node.GetValue<int>()
        : int.TryParse(node.GetValue<string>(), out var value) ? value
        : throw new HostSetupException($"{path}: extensions.queues.{name} must be a whole number", badInput: true);

    private static TimeSpan Span(JsonNode? node, TimeSpan fallback, string path) =>
        node is null ? fallback
        : TimeSpan.TryParse(node.ToString(), out var value) ? value
        : throw new HostSetupException($"{path}: '{node}' is not a time span (hh:mm:ss)", badInput: true);
}
