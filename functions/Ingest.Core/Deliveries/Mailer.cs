using Ingest.Core.Mail;
using Ingest.Core.Telemetry;

namespace Ingest.Core.Deliveries;

/// <summary>
/// The one way Ingest sends a mail, whatever its kind, or a push to an endpoint: at most once. A delivery (a recipient
/// and a period: a digest's day, an alert's poll, a breaking block, a queued mail's id) is looked up first; one that
/// was sent, found empty, or was being sent when its sender died is done (at most once beats twice in an inbox).
/// Otherwise it is claimed in <c>Deliveries</c> (of two senders at once exactly one gets it), sent, and recorded sent
/// or failed, with how often and since when it failed and no address in the error. Only this class knows delivery
/// states and what a refusal for good means.
/// </summary>
public sealed class Mailer(IDeliveryStore deliveries, IMailSender mail, TimeProvider timeProvider, IngestMetrics? metrics = null)
{
    private readonly IngestMetrics _metrics = metrics ?? IngestMetrics.Unobserved;

    /// <summary>What was done for this delivery before: <see cref="MailSlot.IsDone"/> unless it never ran or failed.</summary>
    public async Task<MailSlot> OpenAsync(string recipient, string periodId, CancellationToken cancellationToken)
    {
        var slot = new MailSlot(recipient, periodId, await deliveries.GetAsync(recipient, periodId, cancellationToken).ConfigureAwait(false));
        if (slot.IsDone)
        {
            _metrics.RecordMail(MailOutcomes.DoneBefore);
        }

        return slot;
    }

    /// <summary>Records that there was nothing to send, so a repeated request stays quiet.</summary>
    public async Task RecordEmptyAsync(MailSlot slot, CancellationToken cancellationToken) =>
        await deliveries.TryClaimAsync(new Delivery(slot.Recipient, slot.PeriodId, DeliveryStatus.Empty, timeProvider.GetUtcNow()), slot.Previous, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Claims, sends and records <paramref name="message"/>. A failure the server may get over is handed back in the
    /// result, so the caller sends to the others first and then has its message tried again later.
    /// </summary>
    public Task<MailResult> SendAsync(MailSlot slot, OutgoingMail message, int hitCount, CancellationToken cancellationToken) =>
        SendAsync(slot, message.Subject, message.MessageId, hitCount, token => mail.SendAsync(message, token), cancellationToken);

    /// <summary>
    /// Claims the delivery, runs <paramref name="send"/> (a mail or a push) and records what came of it, as for a mail:
    /// a <see cref="DeliveryException"/> is recorded, and handed back to be tried again unless it is final.
    /// </summary>
    public async Task<MailResult> SendAsync(MailSlot slot, string subject, string? messageId, int hitCount, Func<CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        if (slot.IsDone)
        {
            return new MailResult(slot.DoneLine, null);
        }

        var claim = new Delivery(slot.Recipient, slot.PeriodId, DeliveryStatus.Sending, timeProvider.GetUtcNow(), hitCount, messageId);
        if (!await deliveries.TryClaimAsync(claim, slot.Previous, cancellationToken).ConfigureAwait(false))
        {
            _metrics.RecordMail(MailOutcomes.ClaimedElsewhere);
            return new MailResult($"{slot}: already being sent by another invocation; not sent again", null);
        }

        try
        {
            await send(cancellationToken).ConfigureAwait(false);
            await deliveries.SaveAsync(claim with { Status = DeliveryStatus.Sent, UpdatedAt = timeProvider.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
            _metrics.RecordMail(MailOutcomes.Sent);
            return new MailResult($"{slot}: sent \"{subject}\"", null);
        }
        catch (DeliveryException ex)
        {
            return await RecordFailureAsync(slot, claim, ex, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<MailResult> RecordFailureAsync(MailSlot slot, Delivery claim, DeliveryException ex, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var error = MailAddresses.Redact(ex.Message);
        var failed = claim with
        {
            Status = DeliveryStatus.Failed,
            UpdatedAt = now,
            Error = error,
            Attempts = (slot.Previous?.Attempts ?? 0) + 1,
            FirstFailedAt = slot.Previous?.FirstFailedAt ?? now,
        };
        await deliveries.SaveAsync(failed, cancellationToken).ConfigureAwait(false);
        _metrics.RecordMail(ex.Permanent ? MailOutcomes.Refused : MailOutcomes.Deferred);
        return ex.Permanent
            ? new MailResult($"{slot}: refused for good, not retried ({error})", null)
            : new MailResult(null, new TransientDeliveryException(new DeliveryException(error, inner: ex), failed.Attempts, failed.FirstFailedAt!.Value));
    }
}

/// <summary>One delivery as <see cref="Mailer.OpenAsync"/> found it.</summary>
public sealed record MailSlot(string Recipient, string PeriodId, Delivery? Previous)
{
    /// <summary>Sent, empty, or being sent when its sender died: never sent again. Only a failure is tried again.</summary>
    public bool IsDone => Previous is { Status: not DeliveryStatus.Failed };

    public string DoneLine => $"{this}: already {Previous?.Status.ToString().ToLowerInvariant()} at {Previous?.UpdatedAt:u}; not sent again";

    public override string ToString() => $"{Recipient} {PeriodId}";
}

/// <summary>What one send did: a line for the log, or a failure worth retrying later.</summary>
public sealed record MailResult(string? Line, TransientDeliveryException? Retry);
