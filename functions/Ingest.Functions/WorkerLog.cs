using Ingest.Core.Telemetry;

namespace Ingest.Functions;

/// <summary>
/// Every line the worker logs, in one place: what an operator can meet in the host's log, each with its level. The
/// messages are compiled once (source-generated), so a line not logged costs nothing, and none of them carries a
/// token, an address or a signed link.
/// </summary>
internal static partial class WorkerLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "the host (pid {Pid}) is gone; this worker stops")]
    public static partial void HostGone(this ILogger logger, int pid);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Reason}")]
    public static partial void Unreadable(this ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: unreadable message {MessageId}: {Reason}")]
    public static partial void UnboundMessage(this ILogger logger, string function, string? messageId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Function}: the client went away; the work for it stopped")]
    public static partial void ClientGone(this ILogger logger, string function);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: answered 503, storage did not answer: {Reason}")]
    public static partial void StorageAway(this ILogger logger, string function, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: answered 500: {Type}: {Reason}")]
    public static partial void Answered500(this ILogger logger, Exception exception, string function, Type type, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: not sent ({Reason}); failed {Attempts} time(s) since {Since:u}, tried again in {Delay}")]
    public static partial void MailDeferred(this ILogger logger, string function, string reason, int attempts, DateTimeOffset since, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: not sent ({Reason}); failing since {Since:u}, longer than {Window}: moved to {Queue}-poison for an operator")]
    public static partial void MailGivenUp(this ILogger logger, string function, string reason, DateTimeOffset since, TimeSpan window, string queue);

    /// <summary>One line of what an invocation did (a poll's outcome, a mail's, a timer's summary).</summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    public static partial void Did(this ILogger logger, object line);

    [LoggerMessage(Level = LogLevel.Information, Message = "{FeedId}: {Warning}")]
    public static partial void FeedWarning(this ILogger logger, string feedId, string warning);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Outcome} (try {DequeueCount})")]
    public static partial void MailOutcome(this ILogger logger, object outcome, string? dequeueCount);

    /// <summary>The subscriber id, not the address: invocation logs are read by operators, not mail admins.</summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "{SubscriberId}: {Outcome}")]
    public static partial void SubscriptionOutcome(this ILogger logger, string subscriberId, object outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed catalogue {Path}: {Result}")]
    public static partial void CatalogueImported(this ILogger logger, string path, object result);

    /// <summary>The running totals of Ingest's counters (<see cref="Startup.CounterSummary"/>).</summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "counters: {Totals}")]
    public static partial void Counters(this ILogger logger, CounterTotals totals);

    /// <summary>The running totals of the worker's spans (<see cref="Startup.SpanSummary"/>).</summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "spans: {Totals}")]
    public static partial void Spans(this ILogger logger, SpanTotals totals);

    [LoggerMessage(Level = LogLevel.Error, Message = "The topic model could not be loaded: {Error}")]
    public static partial void WarmupFailed(this ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Feed catalogue import failed: {Error}")]
    public static partial void CatalogueFailed(this ILogger logger, string error);
}
