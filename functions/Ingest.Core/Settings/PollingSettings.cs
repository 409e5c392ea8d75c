using Microsoft.Extensions.Configuration;

namespace Ingest.Core.Settings;

/// <summary>The topic model file (<c>TopicsPath</c>); it exists (checked at start-up).</summary>
public sealed record TopicModelFile(string Path);

/// <summary>The feed catalogue file (<c>FeedsPath</c>); it exists (checked at start-up).</summary>
public sealed record FeedCatalogFile(string Path);

/// <summary>Where the topic model and the feed catalogue are, relative to the function app root.</summary>
public static class PollingSettings
{
    public const string TopicsPath = "TopicsPath";
    public const string FeedsPath = "FeedsPath";

    /// <summary>Every app setting this class names; the deployment tests check the templates set each.</summary>
    public static IReadOnlyList<string> Keys { get; } = [TopicsPath, FeedsPath];

    /// <param name="root">Where relative paths start (the function app root); the working directory when null.</param>
    public static TopicModelFile ReadTopics(IConfiguration configuration, string? root) => new(File(configuration, TopicsPath, "seeds/topics.json", root));

    /// <param name="root">Where relative paths start (the function app root); the working directory when null.</param>
    public static FeedCatalogFile ReadFeeds(IConfiguration configuration, string? root) => new(File(configuration, FeedsPath, "seeds/feeds.json", root));

    private static string File(IConfiguration configuration, string key, string fallback, string? root)
    {
        var value = configuration[key] is { Length: > 0 } set ? set : fallback;
        var path = System.IO.Path.IsPathRooted(value) || root is null ? value : System.IO.Path.Combine(root, value);
        return System.IO.File.Exists(path) ? path : throw new InvalidOperationException($"{key}: {value} does not exist.");
    }
}
