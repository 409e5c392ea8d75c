using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Ingest.Cli.Hosting;

/// <summary>
/// The <c>{"Data","Metadata"}</c> bodies the Functions host posts (custom-handler.md §2.2–2.4), built with its
/// value encoder: strings and numbers serialised a second time into JSON strings, dates as ISO strings to the
/// second, objects embedded.
/// </summary>
public static class InvocationPayloads
{
    public static JsonObject Timer(TimerFunction function, TimerStatus? status, bool isPastDue, DateTimeOffset now) => new()
    {
        ["Data"] = new JsonObject
        {
            [function.Binding] = new JsonObject
            {
                ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                ["ScheduleStatus"] = status is null ? null : new JsonObject
                {
                    ["Last"] = Date(status.Last),
                    ["Next"] = Date(status.Next),
                    ["LastUpdated"] = Date(status.LastUpdated),
                },
                ["IsPastDue"] = isPastDue,
            },
        },
        ["Metadata"] = new JsonObject { ["sys"] = Sys(function.Name, now) },
    };

    public static JsonObject Queue(QueueFunction function, QueueMessage message, DateTimeOffset now) => new()
    {
        ["Data"] = new JsonObject { [function.Binding] = Encoded(message.MessageText) },
        ["Metadata"] = new JsonObject
        {
            ["DequeueCount"] = Encoded(message.DequeueCount),
            ["ExpirationTime"] = Date(message.ExpiresOn ?? default),
            ["Id"] = Encoded(message.MessageId),
            ["InsertionTime"] = Date(message.InsertedOn ?? default),
            ["NextVisibleTime"] = Date(message.NextVisibleOn ?? default),
            ["PopReceipt"] = Encoded(message.PopReceipt),
            ["sys"] = Sys(function.Name, now),
        },
    };

    /// <summary>Escapes as the host's Newtonsoft serialiser does: <c>\"</c> rather than <c>\u0022</c>, non-ASCII as it is.</summary>
    public static readonly JsonSerializerOptions HostJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The host's second encoding: the value's JSON text, as a JSON string.</summary>
    public static string Encoded<T>(T value) => JsonSerializer.Serialize(value, HostJson);

    /// <summary>Dates lose their fractions of a second on the way, as they do in the host.</summary>
    public static string Date(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    private static JsonObject Sys(string functionName, DateTimeOffset now) => new()
    {
        ["MethodName"] = functionName,
        ["UtcNow"] = now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["RandGuid"] = Guid.NewGuid().ToString(),
    };
}

/// <summary>A monitored timer's status: the last occurrence run, the next one, and when this was written.</summary>
public sealed record TimerStatus(DateTimeOffset Last, DateTimeOffset Next, DateTimeOffset LastUpdated);
