namespace Ingest.Core.Tests.Architecture;

/// <summary>
/// The floors of Ingest.Core, lowest first. A folder may use its own floor's folder and the folders of the floors below
/// it, never a folder beside or above it: so the floors cannot form a cycle, and each can be read, tested and changed
/// knowing only what lies beneath. docs/architecture.md draws the same picture.
/// </summary>
public static class FolderRules
{
    public static readonly IReadOnlyList<IReadOnlyList<string>> Floors =
    [
        ["", "Text", "Reads"],
        ["Feeds", "Fetching", "Topics"],
        ["Extraction"],
        ["Model"],
        ["Mail", "Scheduling", "Telemetry"],
        ["Stories", "Pushes"],
        ["Polling"],
        ["Subscriptions"],
        ["Deliveries"],
        ["Publishing", "Monitoring", "Settings"],
    ];

    public static int? FloorOf(string folder)
    {
        var floor = Floors.Select((folders, i) => (folders, i)).FirstOrDefault(f => f.folders.Contains(folder));
        return floor.folders is null ? null : floor.i;
    }

    /// <summary>Each reference that does not go down, as "From -> To (an example)".</summary>
    public static IReadOnlyList<string> Violations(FolderGraph graph) =>
        [.. graph.Uses
            .SelectMany(pair => pair.Value.Select(to => (From: pair.Key, To: to)))
            .Where(edge => !GoesDown(edge.From, edge.To))
            .OrderBy(edge => edge.From, StringComparer.Ordinal).ThenBy(edge => edge.To, StringComparer.Ordinal)
            .Select(edge => $"{Show(edge.From)} -> {Show(edge.To)} ({graph.Examples[edge]})")];

    private static bool GoesDown(string from, string to) => FloorOf(from) is { } source && FloorOf(to) is { } target && target < source;

    /// <summary>Every set of folders that reach one another (Tarjan's strongly connected components of size two or more).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(FolderGraph graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var cycles = new List<IReadOnlyList<string>>();

        void Visit(string folder)
        {
            index[folder] = low[folder] = index.Count;
            stack.Push(folder);
            foreach (var next in graph.Uses.GetValueOrDefault(folder) ?? new HashSet<string>())
            {
                if (!index.TryGetValue(next, out var seen))
                {
                    Visit(next);
                    low[folder] = Math.Min(low[folder], low[next]);
                }
                else if (stack.Contains(next))
                {
                    low[folder] = Math.Min(low[folder], seen);
                }
            }

            if (low[folder] == index[folder])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    component.Add(Show(member));
                }
                while (member != folder);
                if (component.Count > 1)
                {
                    cycles.Add([.. component.Order(StringComparer.Ordinal)]);
                }
            }
        }

        foreach (var folder in graph.Uses.Keys.Order(StringComparer.Ordinal).Where(f => !index.ContainsKey(f)))
        {
            Visit(folder);
        }

        return cycles;
    }

    private static string Show(string folder) => folder.Length == 0 ? "(root)" : folder;
}
