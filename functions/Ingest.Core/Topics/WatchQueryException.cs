namespace Ingest.Core.Topics;

/// <summary>A watch that cannot be read: the message says why, in words a subscriber can act on.</summary>
public sealed class WatchQueryException(string message) : Exception(message);
