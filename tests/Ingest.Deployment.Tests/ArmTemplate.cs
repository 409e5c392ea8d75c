using System.Text.Json.Nodes;

namespace Ingest.Deployment.Tests;

/// <summary>
/// A built ARM template read the way the tests need it: Bicep modules become nested deployments, so a resource is
/// found in whichever module declares it, and each module's template keeps its own variables and parameters.
/// </summary>
public sealed class ArmTemplate(JsonObject root)
{
    public JsonObject Root { get; } = root;

    /// <summary>The template of the module deployed as <paramref name="name"/> (its <c>module … = { name: … }</c>).</summary>
    public ArmTemplate Module(string name) =>
        new(Resources(Root).Single(r => (string?)r["type"] == "Microsoft.Resources/deployments" && (string?)r["name"] == name)["properties"]!["template"]!.AsObject());

    /// <summary>What the main template passes to module <paramref name="name"/> for its parameter <paramref name="parameter"/>.</summary>
    public string ModuleArgument(string name, string parameter) =>
        (string)Resources(Root).Single(r => (string?)r["name"] == name)["properties"]!["parameters"]![parameter]!["value"]!;

    /// <summary>Every resource of this template and of the modules within it, of <paramref name="type"/>.</summary>
    public IReadOnlyList<JsonObject> All(string type) => Flatten(Root).Where(r => (string?)r["type"] == type).ToList();

    public JsonObject One(string type) => Assert.Single(All(type));

    public JsonNode Variable(string name) => Root["variables"]![name]!;

    private static IEnumerable<JsonObject> Flatten(JsonObject template) =>
        Resources(template).SelectMany(r => (string?)r["type"] == "Microsoft.Resources/deployments"
            ? Flatten(r["properties"]!["template"]!.AsObject())
            : [r]);

    // Templates of language version 2.0 keep resources in an object by symbolic name; older ones in an array.
    private static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.Select(r => r!.AsObject()),
        JsonObject named => named.Select(r => r.Value!.AsObject()),
        _ => [],
    };
}
