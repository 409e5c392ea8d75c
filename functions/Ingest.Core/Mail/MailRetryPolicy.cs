namespace Ingest.Core.Mail;

/// <summary>
/// When to try a mail again after the server did not take it: after <see cref="FirstDelay"/>, then twice as long each
/// time up to <see cref="MaxDelay"/>, for <see cref="Window"/> from the first failure; past it the message goes to
/// the poison queue for an operator. The defaults ride out an outage of hours while trying at least every 15 minutes,
/// so mail flows again soon after the server is back, with no operator step.
/// </summary>
public sealed record MailRetryPolicy
{
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(15);

    public TimeSpan Window { get; init; } = TimeSpan.FromHours(24);

    /// <returns>How long to wait before the next try after the <paramref name="attempts"/>-th failure; null when the window is spent.</returns>
    public TimeSpan? Next(int attempts, DateTimeOffset firstFailedAt, DateTimeOffset now)
    {
        if (now - firstFailedAt >= Window)
        {
            return null;
        }

        var doublings = Math.Clamp(attempts - 1, 0, 30);
        var delay = FirstDelay.Ticks * Math.Pow(2, doublings);
        return TimeSpan.FromTicks((long)Math.Min(delay, MaxDelay.Ticks));
    }
}
