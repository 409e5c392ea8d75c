namespace Ingest.Core.Topics;

/// <summary>A form found at words <see cref="First"/>..<see cref="Last"/> of the title or the text.</summary>
internal readonly record struct Place(int First, int Last, bool InTitle, int Offset)
{
    /// <summary>Where the form starts when the title reads as the words just before the text (for distances).</summary>
    public int Start => Offset + First;

    public int End => Offset + Last;
}
