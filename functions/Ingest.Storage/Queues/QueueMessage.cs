namespace Ingest.Storage.Queues;

/// <summary>A received message: invisible to others until <see cref="NextVisibleOn"/>, removable with its pop receipt.</summary>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    string MessageText,
    long DequeueCount,
    DateTimeOffset InsertedOn,
    DateTimeOffset ExpiresOn,
    DateTimeOffset NextVisibleOn);

/// <summary>A message looked at without taking it.</summary>
public sealed record PeekedMessage(string MessageId, string MessageText, long DequeueCount, DateTimeOffset InsertedOn, DateTimeOffset ExpiresOn);

/// <summary>What the service answered to a send: the new message's id and its first pop receipt.</summary>
public sealed record SendReceipt(string MessageId, string PopReceipt, DateTimeOffset InsertedOn, DateTimeOffset ExpiresOn, DateTimeOffset NextVisibleOn);

/// <summary>What the service answered to an update: the pop receipt to use next, and when the message shows again.</summary>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);
