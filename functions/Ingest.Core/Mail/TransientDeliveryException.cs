namespace Ingest.Core.Mail;

/// <summary>
/// A mail or push that was not taken this time (server away, timed out, a 4xx SMTP or 5xx HTTP answer), recorded as a failed delivery. It carries
/// how many times the delivery has failed and since when, so its queue function can try again later
/// (<see cref="MailRetryPolicy"/>) instead of spending the message's few immediate retries on an outage.
/// </summary>
public sealed class TransientDeliveryException(DeliveryException inner, int attempts, DateTimeOffset firstFailedAt)
    : Exception(inner.Message, inner)
{
    public int Attempts { get; } = attempts;

    public DateTimeOffset FirstFailedAt { get; } = firstFailedAt;

    /// <summary>Of two failures in one message (an alert to several subscribers), the one that has waited longer.</summary>
    public static TransientDeliveryException? Longest(TransientDeliveryException? a, TransientDeliveryException? b) =>
        a is null ? b : b is null ? a : b.FirstFailedAt < a.FirstFailedAt ? b : a;
}
