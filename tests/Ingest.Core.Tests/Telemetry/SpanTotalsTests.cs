using Ingest.Core.Telemetry;

namespace Ingest.Core.Tests.Telemetry;

public sealed class SpanTotalsTests
{
    [Fact]
    public void Spans_add_up_by_name_with_their_count_mean_and_total_in_the_order_they_first_ended()
    {
        var totals = new SpanTotals();

        totals.Add("poll feed", TimeSpan.FromMilliseconds(30));
        totals.Add("TableClient.GetEntity", TimeSpan.FromMilliseconds(2));
        totals.Add("poll feed", TimeSpan.FromMilliseconds(50));
        totals.Add("TableClient.GetEntity", TimeSpan.FromMilliseconds(4));
        totals.Add("TableClient.GetEntity", TimeSpan.FromMilliseconds(3));

        Assert.Equal("poll feed 2× 40.00 ms = 0.1 s; TableClient.GetEntity 3× 3.00 ms = 0.0 s", totals.Summary());
        Assert.Equal(5, totals.Changes);
    }

    [Fact]
    public void Spans_ended_at_once_from_many_threads_are_all_counted()
    {
        var totals = new SpanTotals();

        Parallel.For(0, 10_000, i => totals.Add(i % 2 == 0 ? "fetch" : "store", TimeSpan.FromMilliseconds(1)));

        Assert.Equal(["fetch 5000× 1.00 ms = 5.0 s", "store 5000× 1.00 ms = 5.0 s"], totals.Summary().Split("; ").Order(StringComparer.Ordinal));
        Assert.Equal(10_000, totals.Changes);
    }

    [Fact]
    public void Nothing_ended_is_an_empty_summary()
    {
        Assert.Equal("", new SpanTotals().Summary());
    }
}
