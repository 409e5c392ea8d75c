using System.Text.Json.Nodes;

namespace Ingest.Host;

/// <summary>A function the worker reported, with its bindings as the worker wrote them (<c>raw_bindings</c>).</summary>
public sealed record WorkerFunction(string Name, string FunctionId, IReadOnlyList<JsonObject> Bindings)
{
    /// <summary>The binding that starts it (<c>timerTrigger</c>, <c>queueTrigger</c>, <c>httpTrigger</c>).</summary>
    public JsonObject? Trigger => Bindings.FirstOrDefault(b => b["type"]?.GetValue<string>() is { } type && type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));

    public string? TriggerType => Trigger?["type"]?.GetValue<string>();

    /// <summary>The trigger parameter's name, which the invocation's input is filed under.</summary>
    public string? TriggerName => Trigger?["name"]?.GetValue<string>();
}
