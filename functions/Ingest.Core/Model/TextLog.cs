using System.Globalization;

namespace Ingest.Core.Model;

/// <summary>
/// What a feed's last <see cref="Kept"/> new items gave as text: its length in characters, whether it was a stub,
/// and whether the page was read in full. Kept on the feed's row, so <c>fullText: "auto"</c> learns whether the
/// feed's summaries are stubs and the status endpoint can show it. Stored as space-separated
/// <c>length:stub:full</c> triples (0 or 1), oldest first.
/// </summary>
public sealed record TextLog(IReadOnlyList<TextLog.Item> Items)
{
    public const int Kept = 20;

    /// <summary>Items logged before the log's verdict on the feed counts.</summary>
    public const int Enough = 5;

    public readonly record struct Item(int Length, bool Stub, bool ReadInFull);

    public static TextLog Empty { get; } = new([]);

    public TextLog Add(IEnumerable<Item> items) => new([.. Items.Concat(items).TakeLast(Kept)]);

    /// <summary>The middle length of the feed's own texts, or null before any item.</summary>
    public int? MedianLength => Items.Count == 0 ? null : Items.Select(i => i.Length).Order().ElementAt(Items.Count / 2);

    /// <summary>The share of items whose page was read, or null before any item.</summary>
    public double? ReadInFullShare => Items.Count == 0 ? null : Items.Count(i => i.ReadInFull) / (double)Items.Count;

    /// <summary>
    /// True when most of the feed's recent texts were stubs (read every page, even a longer teaser's), false when
    /// nearly none were (take a short item as written unless it says it is cut), null until <see cref="Enough"/> items.
    /// </summary>
    public bool? GivesStubs
    {
        get
        {
            if (Items.Count < Enough)
            {
                return null;
            }

            var stubs = Items.Count(i => i.Stub) / (double)Items.Count;
            return stubs >= 0.6 ? true : stubs <= 0.1 ? false : null;
        }
    }

    /// <summary>Reads a stored log; triples that do not parse are dropped (the log informs, it is not a record).</summary>
    public static TextLog Parse(string? text)
    {
        var items = new List<Item>();
        foreach (var triple in (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = triple.Split(':');
            if (parts.Length == 3 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var length) && parts[1] is "0" or "1" && parts[2] is "0" or "1")
            {
                items.Add(new Item(length, parts[1] == "1", parts[2] == "1"));
            }
        }

        return new TextLog([.. items.TakeLast(Kept)]);
    }

    public override string ToString() =>
        string.Join(' ', Items.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Length}:{(i.Stub ? 1 : 0)}:{(i.ReadInFull ? 1 : 0)}")));
}
