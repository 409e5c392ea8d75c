using Ingest.Core.Telemetry;

namespace Ingest.Core.Tests.Telemetry;

public sealed class CounterTotalsTests
{
    [Fact]
    public void Totals_add_up_by_instrument_and_tag_values_in_the_order_they_first_counted()
    {
        var totals = new CounterTotals();

        totals.Add("ingest.polls", 1, [new("ingest.outcome", "ok")]);
        totals.Add("ingest.items.new", 2, []);
        totals.Add("ingest.polls", 1, [new("ingest.outcome", "failed")]);
        totals.Add("ingest.polls", 1, [new("ingest.outcome", "ok")]);
        totals.Add("ingest.spikes", 1, [new("ingest.topic", "kfor"), new("ingest.outcome", "started")]);

        Assert.Equal("ingest.polls{ok}=2 ingest.items.new=2 ingest.polls{failed}=1 ingest.spikes{kfor,started}=1", totals.Summary());
        Assert.Equal(5, totals.Changes);
    }

    [Fact]
    public void Nothing_counted_is_an_empty_summary()
    {
        var totals = new CounterTotals();

        Assert.Equal("", totals.Summary());
        Assert.Equal(0, totals.Changes);
    }
}
