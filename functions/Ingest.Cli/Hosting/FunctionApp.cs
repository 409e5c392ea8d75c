using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace Ingest.Cli.Hosting;

/// <summary>A function and what triggers it, from its folder's <c>function.json</c>.</summary>
public abstract record FunctionDefinition(string Name, string Binding);

public sealed record TimerFunction(string Name, string Binding, string Schedule, bool RunOnStartup) : FunctionDefinition(Name, Binding);

public sealed record QueueFunction(string Name, string Binding, string QueueName, string Connection) : FunctionDefinition(Name, Binding);

public sealed record HttpFunction(string Name, string Binding, string Route, IReadOnlyList<string> Methods, bool Forwarded) : FunctionDefinition(Name, Binding);

/// <summary>The handler's launch description (<c>customHandler.description</c>).</summary>
public sealed record HandlerDescription(string ExecutablePath, string WorkingDirectory, IReadOnlyList<string> Arguments);

/// <summary>The queue trigger's settings (<c>extensions.queues</c>), with the Functions defaults.</summary>
public sealed record QueueSettings(TimeSpan MaxPollingInterval, TimeSpan VisibilityTimeout, int BatchSize, int NewBatchThreshold, int MaxDequeueCount, bool Base64);

/// <summary>
/// A function app folder as the Functions host reads it: <c>host.json</c> and one folder per function with its
/// <c>function.json</c>. As in Azure, app settings named <c>AzureFunctionsJobHost__path__to__key</c> override
/// host.json values, and <c>%Setting%</c> in a timer schedule is read from the app settings.
/// </summary>
public sealed record FunctionApp(
    string Root,
    HandlerDescription Handler,
    QueueSettings Queues,
    string RoutePrefix,
    TimeSpan? FunctionTimeout,
    IReadOnlyList<FunctionDefinition> Functions)
{
    private const string OverridePrefix = "AzureFunctionsJobHost";

    public static FunctionApp Load(string root, IConfiguration settings)
    {
        root = Path.GetFullPath(root);
        var hostPath = Path.Combine(root, "host.json");
        if (!File.Exists(hostPath))
        {
            throw new CliException($"{root} is not a function app: it has no host.json (build it with 'dotnet build functions/Ingest.Functions', or point --app at a published folder)", ExitCodes.BadInput);
        }

        var host = ReadJson(hostPath) as JsonObject ?? throw new CliException($"{hostPath}: must be a JSON object", ExitCodes.BadInput);
        ApplyOverrides(host, settings.GetSection(OverridePrefix));

        var handler = host["customHandler"]?["description"] as JsonObject
            ?? throw new CliException($"{hostPath}: customHandler.description is missing; ingest host runs custom handlers only", ExitCodes.BadInput);
        var executable = handler["defaultExecutablePath"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(executable))
        {
            throw new CliException($"{hostPath}: customHandler.description.defaultExecutablePath is required", ExitCodes.BadInput);
        }

        var forwarding = host["customHandler"]?["enableForwardingHttpRequest"]?.GetValue<bool>() ?? false;
        var queues = host["extensions"]?["queues"];
        var batchSize = Int(queues?["batchSize"], 16, hostPath, "batchSize");
        var queueSettings = new QueueSettings(
            Span(queues?["maxPollingInterval"], TimeSpan.FromMinutes(1), hostPath),
            Span(queues?["visibilityTimeout"], TimeSpan.Zero, hostPath),
            Math.Clamp(batchSize, 1, 32),
            Int(queues?["newBatchThreshold"], batchSize / 2 * Environment.ProcessorCount, hostPath, "newBatchThreshold"),
            Math.Max(1, Int(queues?["maxDequeueCount"], 5, hostPath, "maxDequeueCount")),
            !string.Equals(queues?["messageEncoding"]?.GetValue<string>(), "none", StringComparison.OrdinalIgnoreCase));

        var functions = Directory.GetDirectories(root)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Order(StringComparer.Ordinal)
            .Select(d => ReadFunction(d, settings, forwarding))
            .ToList();

        var workingDirectory = handler["workingDirectory"]?.GetValue<string>();
        return new FunctionApp(
            root,
            new HandlerDescription(
                ResolveExecutable(root, Environment.ExpandEnvironmentVariables(executable)),
                string.IsNullOrEmpty(workingDirectory) ? root : Path.Combine(root, workingDirectory),
                (handler["arguments"] as JsonArray)?.Select(a => a!.GetValue<string>()).ToList() ?? []),
            queueSettings,
            host["extensions"]?["http"]?["routePrefix"]?.GetValue<string>() ?? "api",
            host["functionTimeout"]?.GetValue<string>() is { } timeout && TimeSpan.TryParse(timeout, out var t) && t > TimeSpan.Zero ? t : null,
            functions);
    }

    private static FunctionDefinition ReadFunction(string folder, IConfiguration settings, bool forwarding)
    {
        var name = Path.GetFileName(folder);
        var path = Path.Combine(folder, "function.json");
        var bindings = (ReadJson(path)?["bindings"] as JsonArray)?.OfType<JsonObject>().ToList()
            ?? throw new CliException($"{path}: must have a \"bindings\" array", ExitCodes.BadInput);
        var triggers = bindings.Where(b => b["type"]?.GetValue<string>()?.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase) == true).ToList();
        if (triggers.Count != 1)
        {
            throw new CliException($"{path}: a function needs exactly one trigger binding", ExitCodes.BadInput);
        }

        var trigger = triggers[0];
        var binding = trigger["name"]?.GetValue<string>() ?? throw new CliException($"{path}: the trigger binding has no name", ExitCodes.BadInput);
        switch (trigger["type"]!.GetValue<string>().ToLowerInvariant())
        {
            case "timertrigger":
                var schedule = trigger["schedule"]?.GetValue<string>() ?? throw new CliException($"{path}: the timer has no schedule", ExitCodes.BadInput);
                if (schedule.Length > 2 && schedule[0] == '%' && schedule[^1] == '%')
                {
                    var setting = schedule[1..^1];
                    schedule = settings[setting.Replace("__", ":", StringComparison.Ordinal)]
                        ?? throw new CliException($"{path}: the schedule names app setting {setting}, which is not set", ExitCodes.BadInput);
                }

                return new TimerFunction(name, binding, schedule, trigger["runOnStartup"]?.GetValue<bool>() ?? false);
            case "queuetrigger":
                return new QueueFunction(
                    name,
                    binding,
                    trigger["queueName"]?.GetValue<string>() ?? throw new CliException($"{path}: the queue trigger has no queueName", ExitCodes.BadInput),
                    trigger["connection"]?.GetValue<string>() ?? "AzureWebJobsStorage");
            case "httptrigger":
                var methods = (trigger["methods"] as JsonArray)?.Select(m => m!.GetValue<string>().ToUpperInvariant()).ToList() ?? [];
                var outputs = bindings.Count(b => b["direction"]?.GetValue<string>() == "out" && b["type"]?.GetValue<string>() == "http");
                return new HttpFunction(name, binding, trigger["route"]?.GetValue<string>() ?? name, methods, forwarding && bindings.Count == 2 && outputs == 1);
            default:
                throw new CliException($"{path}: ingest host does not run {trigger["type"]} functions", ExitCodes.BadInput);
        }
    }

    /// <summary>A relative path that exists under the app root is a file there; anything else is a command on PATH.</summary>
    private static string ResolveExecutable(string root, string executable) =>
        !Path.IsPathRooted(executable) && File.Exists(Path.Combine(root, executable)) ? Path.Combine(root, executable) : executable;

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
            throw new CliException($"{path}: not valid JSON ({ex.Message})", ExitCodes.BadInput);
        }
    }

    private static int Int(JsonNode? node, int fallback, string path, string name) =>
        node is null ? fallback
        : node.GetValueKind() == JsonValueKind.Number ? node.GetValue<int>()
        : int.TryParse(node.GetValue<string>(), out var value) ? value
        : throw new CliException($"{path}: extensions.queues.{name} must be a whole number", ExitCodes.BadInput);

    private static TimeSpan Span(JsonNode? node, TimeSpan fallback, string path) =>
        node is null ? fallback
        : TimeSpan.TryParse(node.ToString(), out var value) ? value
        : throw new CliException($"{path}: '{node}' is not a time span (hh:mm:ss)", ExitCodes.BadInput);
}
