namespace Ingest.Core.Topics;

/// <summary>A topic model that cannot be used; the message names the topic and the field.</summary>
public sealed class TopicModelException(string message, Exception? inner = null) : Exception(message, inner);
