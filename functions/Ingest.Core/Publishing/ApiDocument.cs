using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;

namespace Ingest.Core.Publishing;

/// <summary>
/// The read API's OpenAPI 3.1 description, made from the code it describes: the parameters are
/// <see cref="HitQuery.Parameters"/>, the list the API reads, and the bodies' schemas are exported from the records it
/// answers with (<see cref="JsonSchemaExporter"/>, with the API's own JSON settings), so the document cannot drift
/// from what is served.
/// </summary>
public static class ApiDocument
{
    /// <summary>The JSON settings every read API answer is written with.</summary>
    public static JsonSerializerOptions Json { get; } = JsonSerializerOptions.Web;

    /// <summary>The API's version: a change that breaks a caller makes a new one.</summary>
    public const string Version = "1.0";

    public static JsonObject Write(Uri server, string version) => new()
    {
        ["openapi"] = "3.1.0",
        ["info"] = new JsonObject
        {
            ["title"] = "Ingest read API",
            ["version"] = version,
            ["description"] = "What Ingest found on the Western Balkans security topics, as hits (an article and the topic or watch it matched) and as stories (events with every outlet's report). A subscriber reads their own topics and watches with the token of their private feed; an operator reads everything with the operator key.",
        },
        ["servers"] = new JsonArray { new JsonObject { ["url"] = server.AbsoluteUri.TrimEnd('/') } },
        ["security"] = new JsonArray { new JsonObject { ["bearer"] = new JsonArray() } },
        ["paths"] = new JsonObject
        {
            ["/api/hits"] = Get("listHits", "Hits, newest first: each article once per topic or watch it matched, with what matched.", "HitPage"),
            ["/api/stories"] = Get("listStories", "Stories, the most recently reported first: each event once, with its reports in the window.", "StoryPage"),
        },
        ["components"] = new JsonObject
        {
            ["securitySchemes"] = new JsonObject
            {
                ["bearer"] = new JsonObject
                {
                    ["type"] = "http",
                    ["scheme"] = "bearer",
                    ["description"] = "The token of a subscriber's private feed (the token= of the feed address on their preferences page), or the operator key (the ApiOperatorKey setting).",
                },
            },
            ["schemas"] = new JsonObject
            {
                ["HitPage"] = Schema<ApiHitPage>(),
                ["StoryPage"] = Schema<ApiStoryPage>(),
                ["Error"] = Schema<ApiError>(),
            },
        },
    };

    private static JsonObject Get(string operationId, string summary, string schema) => new()
    {
        ["get"] = new JsonObject
        {
            ["operationId"] = operationId,
            ["summary"] = summary,
            ["parameters"] = new JsonArray([.. HitQuery.Parameters.Select(Parameter)]),
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "A page; its ETag answers If-None-Match with 304 while nothing changed.",
                    ["headers"] = new JsonObject { ["ETag"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } } },
                    ["content"] = Body(schema),
                },
                ["304"] = new JsonObject { ["description"] = "Not modified since the ETag given in If-None-Match." },
                ["400"] = new JsonObject { ["description"] = "A parameter was refused; each is named with why.", ["content"] = Body("Error") },
                ["401"] = new JsonObject { ["description"] = "No token, or one that opens nothing. It does not say whether a subscriber exists.", ["content"] = Body("Error") },
            },
        },
    };

    private static JsonObject Parameter(ApiParameter parameter)
    {
        var schema = new JsonObject { ["type"] = parameter.Type };
        if (parameter.Format is { } format)
        {
            schema["format"] = format;
        }

        if (parameter.Minimum is { } minimum)
        {
            schema["minimum"] = minimum;
        }

        if (parameter.Maximum is { } maximum)
        {
            schema["maximum"] = maximum;
        }

        return new JsonObject { ["name"] = parameter.Name, ["in"] = "query", ["required"] = false, ["description"] = parameter.Description, ["schema"] = schema };
    }

    private static JsonObject Body(string schema) =>
        new() { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = $"#/components/schemas/{schema}" } } };

    private static JsonNode Schema<T>() => JsonSchemaExporter.GetJsonSchemaAsNode(Json, typeof(T), new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });
}
