namespace Ingest.Core.Tests.Architecture;

public sealed class FolderRulesTests
{
    private static readonly FolderGraph Core = FolderGraph.Read(typeof(CoreAssembly).Assembly.Location, "Ingest.Core");

    [Fact]
    public void Every_folder_of_core_is_placed_on_a_floor()
    {
        var unplaced = Core.Uses.Keys.Where(f => FolderRules.FloorOf(f) is null).ToList();

        Assert.True(unplaced.Count == 0, $"place these folders in FolderRules.Floors (and docs/architecture.md): {string.Join(", ", unplaced)}");
    }

    [Fact]
    public void Core_folders_use_only_the_floors_below_them()
    {
        var violations = FolderRules.Violations(Core);

        Assert.True(violations.Count == 0, "references against the direction of the floors:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Core_has_no_cycle_of_folders()
    {
        var cycles = FolderRules.Cycles(Core);

        Assert.True(cycles.Count == 0, "folders that use one another: " + string.Join("; ", cycles.Select(c => string.Join(" <-> ", c))));
    }

    [Fact]
    public void The_graph_sees_references_made_only_inside_method_bodies()
    {
        // Polling's poller keeps a StoryAssigner in a field, but it calls FeedParser only inside a method body.
        Assert.Contains("Feeds", Core.Uses["Polling"]);
        Assert.Contains("Stories", Core.Uses["Polling"]);
    }

    [Fact]
    public void A_reference_up_or_sideways_and_a_cycle_are_both_reported()
    {
        var graph = new FolderGraph(
            new Dictionary<string, IReadOnlySet<string>>
            {
                ["Model"] = new HashSet<string> { "Deliveries" },
                ["Deliveries"] = new HashSet<string> { "Model", "Subscriptions" },
                ["Subscriptions"] = new HashSet<string> { "Model" },
                ["Feeds"] = new HashSet<string> { "Topics" },
            },
            new Dictionary<(string, string), string>
            {
                [("Model", "Deliveries")] = "Model.X uses Deliveries.Y",
                [("Deliveries", "Model")] = "Deliveries.Y uses Model.X",
                [("Deliveries", "Subscriptions")] = "Deliveries.Y uses Subscriptions.Z",
                [("Subscriptions", "Model")] = "Subscriptions.Z uses Model.X",
                [("Feeds", "Topics")] = "Feeds.A uses Topics.B",
            });

        Assert.Equal(
            ["Feeds -> Topics (Feeds.A uses Topics.B)", "Model -> Deliveries (Model.X uses Deliveries.Y)"],
            FolderRules.Violations(graph));
        var cycle = Assert.Single(FolderRules.Cycles(graph));
        Assert.Equal(["Deliveries", "Model", "Subscriptions"], cycle);
    }
}
