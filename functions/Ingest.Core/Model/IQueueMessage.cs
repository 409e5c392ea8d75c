namespace Ingest.Core.Model;

/// <summary>
/// A record one queue holds. A message that binds to the record but lacks what the work needs is unreadable: it fails
/// every try and ends in the poison queue, where an operator sees it.
/// </summary>
public interface IQueueMessage
{
    /// <summary>What the message lacks, in words for the log (naming the queue); null when it is complete.</summary>
    string? Lacks();
}
