using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Ingest.Core.Feeds;

namespace Ingest.Benchmarks;

/// <summary>Parse throughput of the feed reader on news-shaped RSS 2.0 and Atom documents.</summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class FeedParseBenchmarks
{
    private byte[] _document = [];

    [Params("rss2.0", "atom1.0")]
    public string Format { get; set; } = "rss2.0";

    [Params(50 * 1024, 2 * 1024 * 1024)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _document = Format == "rss2.0" ? SyntheticFeeds.Rss(Bytes) : SyntheticFeeds.Atom(Bytes);
        if (FeedParser.Parse(_document).Items.Count == 0)
        {
            throw new InvalidOperationException("the synthetic feed parsed to nothing");
        }
    }

    [Benchmark]
    public int Parse() => FeedParser.Parse(_document).Items.Count;

    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(new ThroughputColumn());
    }

    /// <summary>MB/s from the document size parameter and the mean time per parse.</summary>
    private sealed class ThroughputColumn : IColumn
    {
        public string Id => "Throughput";

        public string ColumnName => "MB/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Megabytes (10^6 bytes) of feed parsed per second";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            var bytes = (int)benchmarkCase.Parameters["Bytes"];
            return report?.ResultStatistics is { Mean: > 0 } stats
                ? (bytes / 1e6 / (stats.Mean / 1e9)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)
                : "-";
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
