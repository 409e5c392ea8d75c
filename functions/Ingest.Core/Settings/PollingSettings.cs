using System.Globalization;
using Ingest.Core.Scheduling;
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

    /// <summary>
    /// <c>PollInterval</c> (optional, <c>hh:mm:ss</c>): how long a healthy feed waits between polls; 10 minutes unless
    /// set. The local defaults poll every minute so the live sample desk shows up quickly.
    /// </summary>
    public const string PollInterval = "PollInterval";

    public static PollPolicy ReadPolicy(IConfiguration configuration)
    {
        if (configuration[PollInterval] is not { Length: > 0 } text)
        {
            return new PollPolicy();
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var interval) && interval >= TimeSpan.FromSeconds(1) && interval <= TimeSpan.FromDays(1)
            ? new PollPolicy { Interval = interval }
            : throw new InvalidOperationException($"{PollInterval} must be a time span from 00:00:01 to 1.00:00:00, such as 00:10:00.");
    }

    private static string File(IConfiguration configuration, string key, string fallback, string? root)
    {
        var value = configuration[key] is { Length: > 0 } set ? set : fallback;
        var path = System.IO.Path.IsPathRooted(value) || root is null ? value : System.IO.Path.Combine(root, value);
        return System.IO.File.Exists(path) ? path : throw new InvalidOperationException($"{key}: {value} does not exist.");
    }
}
