using System.CommandLine;
using Ingest.Core.Topics;
using Microsoft.Extensions.Configuration;

namespace Ingest.Cli.Topics;

/// <summary>The <c>--topics FILE</c> option and how the model file is found: the option, then the TopicsPath setting, then seeds/topics.json.</summary>
internal static class TopicsOption
{
    public static Option<FileInfo?> Create() => new("--topics") { Description = "The topic model (default: the TopicsPath setting, else seeds/topics.json)." };

    public static TopicMatcher Load(FileInfo? option, IConfiguration settings)
    {
        var path = option?.FullName ?? settings["TopicsPath"] ?? Path.Combine("seeds", "topics.json");
        return new TopicMatcher(TopicModelLoader.LoadFile(path));
    }
}
