using System.Globalization;
using System.ServiceModel.Syndication;
using System.Xml;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Ingest.Core.Feeds;

namespace Ingest.Benchmarks;

/// <summary>
/// Parse throughput of the feed reader on news-shaped RSS 2.0 and Atom documents, from bytes to items, beside
/// two .NET baselines in the same run: CodeHollow.FeedReader (the library the design card first named) and
/// System.ServiceModel.Syndication. Ratios are against Ingest's reader.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class FeedParseBenchmarks
{
    private byte[] _document = [];

    [Params("rss2.0", "atom1.0", "rss2.0-content")]
    public string Format { get; set; } = "rss2.0";

    [Params(50 * 1024, 2 * 1024 * 1024)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _document = Format switch
        {
            "rss2.0" => SyntheticFeeds.Rss(Bytes),
            "atom1.0" => SyntheticFeeds.Atom(Bytes),
            _ => SyntheticFeeds.ContentHeavyRss(Bytes),
        };
        var counts = new[] { Ingest(), CodeHollow(), Syndication() };
        if (counts.Distinct().Count() != 1 || counts[0] == 0)
        {
            throw new InvalidOperationException($"the parsers disagree on the synthetic feed: {string.Join(", ", counts)} items");
        }
    }

    [Benchmark(Baseline = true)]
    public int Ingest() => FeedParser.Parse(_document).Items.Count;

    [Benchmark]
    public int CodeHollow() => global::CodeHollow.FeedReader.FeedReader.ReadFromByteArray(_document).Items.Count;

    [Benchmark]
    public int Syndication()
    {
        using var reader = XmlReader.Create(new MemoryStream(_document), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return SyndicationFeed.Load(reader).Items.Count();
    }

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
                ? (bytes / 1e6 / (stats.Mean / 1e9)).ToString("0.0", CultureInfo.InvariantCulture)
                : "-";
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
