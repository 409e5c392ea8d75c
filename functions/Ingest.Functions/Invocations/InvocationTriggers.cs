using System.Globalization;
using System.Text.Json;

namespace Ingest.Functions.Invocations;

/// <summary>A queue-triggered invocation: the message text (after the queue's base64) and its delivery facts.</summary>
public sealed record QueueTrigger(string MessageText, long DequeueCount, string? MessageId, DateTimeOffset? InsertedOn)
{
    public static QueueTrigger From(HostInvocation invocation, string binding) => new(
        invocation.DataText(binding),
        invocation.MetadataNumber("DequeueCount") ?? 1,
        invocation.MetadataText("Id"),
        invocation.MetadataDate("InsertionTime"));
}

/// <summary>A timer-triggered invocation: whether it catches up a missed occurrence, and the schedule status when monitored.</summary>
public sealed record TimerTrigger(bool IsPastDue, DateTimeOffset? Last, DateTimeOffset? Next)
{
    public static TimerTrigger From(HostInvocation invocation, string binding)
    {
        var timer = invocation.DataObject(binding);
        var status = timer.TryGetProperty("ScheduleStatus", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        return new TimerTrigger(
            timer.TryGetProperty("IsPastDue", out var pastDue) && pastDue.ValueKind == JsonValueKind.True,
            Date(status, "Last"),
            Date(status, "Next"));
    }

    private static DateTimeOffset? Date(JsonElement status, string name) =>
        status.ValueKind == JsonValueKind.Object && status.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;
}
