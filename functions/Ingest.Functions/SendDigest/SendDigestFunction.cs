using Ingest.Core.Digests;
using Ingest.Functions.Invocations;
using Ingest.Storage.Stores;

namespace Ingest.Functions.SendDigest;

/// <summary>Queue <c>digests</c>: sends one subscriber's digest for one period, at most once.</summary>
public static class SendDigestFunction
{
    public static async Task RunAsync(QueueTrigger message, InvocationLog log, Ingest.Core.Digests.DigestSender digests, CancellationToken cancellationToken)
    {
        DigestPeriod period;
        try
        {
            period = DigestPeriod.Parse(message.MessageText);
        }
        catch (FormatException ex)
        {
            throw new InvocationFormatException($"SendDigest: unreadable message {message.MessageId}: {ex.Message}");
        }

        log.Add(await digests.SendAsync(period, cancellationToken));
    }
}
