namespace Ingest.Core.Extraction;

/// <summary>A time allowance for one page's scoring, checked between steps; past it the page is read the cheap way.</summary>
internal sealed class WorkBudget(TimeSpan allowance)
{
    private readonly long _start = TimeProvider.System.GetTimestamp();

    /// <summary>Always true, so it can stand in a query; throws <see cref="ExceededException"/> once the allowance is spent.</summary>
    public bool Check() =>
        TimeProvider.System.GetElapsedTime(_start) <= allowance ? true : throw new ExceededException();

    public sealed class ExceededException : Exception;
}
