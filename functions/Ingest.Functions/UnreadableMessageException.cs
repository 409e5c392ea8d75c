namespace Ingest.Functions;

/// <summary>A queue message that is not what its queue holds: it fails every try, so it ends in the poison queue for an operator.</summary>
public sealed class UnreadableMessageException(string function, string? messageId, string reason)
    : Exception($"{function}: unreadable message {messageId}: {reason}");
