namespace Ingest.Core.Settings;

/// <summary>Where the topic model and the feed catalogue are, relative to the function app root.</summary>
public static class PollingSettings
{
    public const string TopicsPath = "TopicsPath";
    public const string FeedsPath = "FeedsPath";

    /// <summary>Every app setting this class names; the deployment tests check the templates set each.</summary>
    public static IReadOnlyList<string> Keys { get; } = [TopicsPath, FeedsPath];
}
