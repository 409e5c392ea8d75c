namespace Ingest.Core.Extraction;

/// <summary>
/// How much one page may cost the extractor. A page past a limit is not refused: its plain text is used instead of
/// its main text, with a warning, so the article is still matched and stored.
/// </summary>
public sealed record ExtractionLimits
{
    public static ExtractionLimits Default { get; } = new();

    /// <summary>Element nesting beyond this is not parsed into a tree. Real article pages stay well under a hundred.</summary>
    public int MaxDepth { get; init; } = 400;

    /// <summary>CPU time the readability scoring may take for one page.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(2);
}
