using System.CommandLine;
using Ingest.Core.Topics;

namespace Ingest.Cli.Topics;

/// <summary>The <c>--topics FILE</c> option and how the model file is found: the option, then the TopicsPath setting, then seeds/topics.json.</summary>
internal static class TopicsOption
{
    public static Option<FileInfo?> Create() => new("--topics") { Description = "The topic model (default: the TopicsPath setting, else seeds/topics.json)." };

    public static TopicMatcher Load(FileInfo? option, CommandContext context)
    {
        var path = option?.FullName ?? context.SettingsFile("TopicsPath", Path.Combine("seeds", "topics.json"));
        return new TopicMatcher(TopicModelLoader.LoadFile(path));
    }
}
