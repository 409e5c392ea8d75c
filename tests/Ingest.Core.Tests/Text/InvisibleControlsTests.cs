using Ingest.Core.Text;

namespace Ingest.Core.Tests.Text;

public sealed class InvisibleControlsTests
{
    [Theory]
    [InlineData("KFOR report \u202Efdp.exe", "KFOR report fdp.exe")]
    [InlineData("\u2067Vučić\u2069 meets \u200Bthe envoy\u200F", "Vučić meets the envoy")]
    [InlineData("\uFEFFHeadline with a byte-order mark", "Headline with a byte-order mark")]
    [InlineData("Звечан: plain text stays", "Звечан: plain text stays")]
    [InlineData("a\u200Db joiners stay", "a\u200Db joiners stay")]
    public void Direction_overrides_isolates_and_zero_width_spaces_are_removed_and_nothing_else(string text, string shown) =>
        Assert.Equal(shown, InvisibleControls.Strip(text));
}
