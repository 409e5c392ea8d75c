using System.Globalization;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Ingest.Storage.Pipeline;

namespace Ingest.Storage.Queues;

/// <summary>A client for one queue, shaped like <c>Azure.Storage.Queues.QueueClient</c>.</summary>
public sealed partial class QueueClient
{
    /// <summary>The service's limit on one message as sent, after encoding.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>The service's limit on messages per receive or peek.</summary>
    public const int MaxMessagesPerCall = 32;

    private readonly StorageRequestSender _sender;
    private readonly QueueMessageEncoding _encoding;

    internal QueueClient(StorageRequestSender sender, string queueName, QueueMessageEncoding encoding)
    {
        if (!QueueNamePattern().IsMatch(queueName) || queueName.Contains("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{queueName}' is not a valid queue name: 3 to 63 lower-case letters, digits and single dashes.", nameof(queueName));
        }

        _sender = sender;
        _encoding = encoding;
        Name = queueName;
        Uri = new Uri(sender.Endpoint.AbsoluteUri.TrimEnd('/') + "/" + queueName);
    }

    public string Name { get; }

    public Uri Uri { get; }

    /// <summary>Creates the queue; returns false when it already existed.</summary>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _sender.CreateMessage(RequestMethod.Put, Uri);
        var response = await _sender.SendAsync(message, cancellationToken, 201, 204).ConfigureAwait(false);
        return response.Status == 201;
    }

    /// <summary>Deletes the queue and its messages; returns false when there was none.</summary>
    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _sender.CreateMessage(RequestMethod.Delete, Uri);
        var response = await _sender.SendAsync(message, cancellationToken, 204, 404).ConfigureAwait(false);
        return response.Status == 204;
    }

    /// <summary>
    /// Sends a message, hidden for <paramref name="visibilityDelay"/> and kept for <paramref name="timeToLive"/>
    /// (the service default is 7 days; <see cref="Timeout.InfiniteTimeSpan"/> keeps it until taken).
    /// </summary>
    public async Task<SendReceipt> SendMessageAsync(string messageText, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (visibilityDelay is { } delay)
        {
            query.Add("visibilitytimeout=" + Seconds(delay));
        }

        if (timeToLive is { } ttl)
        {
            query.Add("messagettl=" + (ttl == Timeout.InfiniteTimeSpan ? "-1" : Seconds(ttl)));
        }

        using var message = _sender.CreateMessage(RequestMethod.Post, MessagesUri(query));
        SetMessageBody(message, messageText);
        var response = await _sender.SendAsync(message, cancellationToken, 201).ConfigureAwait(false);
        var element = ReadMessages(response).First();
        return new SendReceipt(
            Text(element, "MessageId"),
            Text(element, "PopReceipt"),
            Date(element, "InsertionTime"),
            Date(element, "ExpirationTime"),
            Date(element, "TimeNextVisible"));
    }

    /// <summary>Takes up to <paramref name="maxMessages"/> messages and hides them for <paramref name="visibilityTimeout"/> (service default 30 s).</summary>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, MaxMessagesPerCall);
        var query = new List<string> { "numofmessages=" + maxMessages };
        if (visibilityTimeout is { } timeout)
        {
            query.Add("visibilitytimeout=" + Seconds(timeout));
        }

        using var message = _sender.CreateMessage(RequestMethod.Get, MessagesUri(query));
        var response = await _sender.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        return ReadMessages(response).Select(e => new QueueMessage(
            Text(e, "MessageId"),
            Text(e, "PopReceipt"),
            Decode(Text(e, "MessageText")),
            long.Parse(Text(e, "DequeueCount"), CultureInfo.InvariantCulture),
            Date(e, "InsertionTime"),
            Date(e, "ExpirationTime"),
            Date(e, "TimeNextVisible"))).ToList();
    }

    /// <summary>Looks at up to <paramref name="maxMessages"/> visible messages without taking them.</summary>
    public async Task<IReadOnlyList<PeekedMessage>> PeekMessagesAsync(int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, MaxMessagesPerCall);
        using var message = _sender.CreateMessage(RequestMethod.Get, MessagesUri(["peekonly=true", "numofmessages=" + maxMessages]));
        var response = await _sender.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        return ReadMessages(response).Select(e => new PeekedMessage(
            Text(e, "MessageId"),
            Decode(Text(e, "MessageText")),
            long.Parse(Text(e, "DequeueCount"), CultureInfo.InvariantCulture),
            Date(e, "InsertionTime"),
            Date(e, "ExpirationTime"))).ToList();
    }

    /// <summary>Deletes a received message. A stale pop receipt fails with 404 (<c>MessageNotFound</c>) or 400 (<c>PopReceiptMismatch</c>).</summary>
    public async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        using var message = _sender.CreateMessage(RequestMethod.Delete, MessageUri(messageId, popReceipt, null));
        await _sender.SendAsync(message, cancellationToken, 204).ConfigureAwait(false);
    }

    /// <summary>Hides a received message for <paramref name="visibilityTimeout"/> from now, optionally replacing its text.</summary>
    public async Task<UpdateReceipt> UpdateMessageAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, string? messageText = null, CancellationToken cancellationToken = default)
    {
        using var message = _sender.CreateMessage(RequestMethod.Put, MessageUri(messageId, popReceipt, visibilityTimeout));
        if (messageText is not null)
        {
            SetMessageBody(message, messageText);
        }

        var response = await _sender.SendAsync(message, cancellationToken, 204).ConfigureAwait(false);
        response.Headers.TryGetValue("x-ms-popreceipt", out var receipt);
        response.Headers.TryGetValue("x-ms-time-next-visible", out var nextVisible);
        return new UpdateReceipt(
            receipt ?? throw new RequestFailedException(response.Status, "Queue update answered without a pop receipt.", "UnexpectedResponse", null),
            DateTimeOffset.Parse(nextVisible!, CultureInfo.InvariantCulture));
    }

    /// <summary>The service's approximate count of messages, visible or not.</summary>
    public async Task<int> GetApproximateMessageCountAsync(CancellationToken cancellationToken = default)
    {
        using var message = _sender.CreateMessage(RequestMethod.Get, new Uri(Uri + "?comp=metadata"));
        var response = await _sender.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        return response.Headers.TryGetValue("x-ms-approximate-messages-count", out var count)
            ? int.Parse(count, CultureInfo.InvariantCulture)
            : 0;
    }

    /// <summary>Deletes every message of the queue.</summary>
    public async Task ClearMessagesAsync(CancellationToken cancellationToken = default)
    {
        using var message = _sender.CreateMessage(RequestMethod.Delete, MessagesUri([]));
        await _sender.SendAsync(message, cancellationToken, 204).ConfigureAwait(false);
    }

    private Uri MessagesUri(IReadOnlyCollection<string> query) =>
        new(Uri + "/messages" + (query.Count == 0 ? "" : "?" + string.Join("&", query)));

    private Uri MessageUri(string messageId, string popReceipt, TimeSpan? visibilityTimeout) =>
        new(Uri + "/messages/" + Uri.EscapeDataString(messageId)
            + "?popreceipt=" + Uri.EscapeDataString(popReceipt)
            + (visibilityTimeout is { } v ? "&visibilitytimeout=" + Seconds(v) : ""));

    private void SetMessageBody(HttpMessage message, string messageText)
    {
        var encoded = _encoding == QueueMessageEncoding.Base64
            ? Convert.ToBase64String(Encoding.UTF8.GetBytes(messageText))
            : messageText;
        if (Encoding.UTF8.GetByteCount(encoded) > MaxMessageBytes)
        {
            throw new ArgumentException($"A queue message may be {MaxMessageBytes} bytes once encoded; this one is {Encoding.UTF8.GetByteCount(encoded)}.", nameof(messageText));
        }

        var xml = "<QueueMessage><MessageText>" + SecurityElement.Escape(encoded) + "</MessageText></QueueMessage>";
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(xml));
        message.Request.Headers.SetValue("Content-Type", "application/xml");
    }

    /// <summary>
    /// Base64 text is decoded; text that is not base64 (sent by a tool that does not encode) is returned as it came,
    /// so one odd message cannot block a queue.
    /// </summary>
    private string Decode(string wireText)
    {
        if (_encoding == QueueMessageEncoding.None)
        {
            return wireText;
        }

        var buffer = new byte[wireText.Length];
        return Convert.TryFromBase64String(wireText, buffer, out var written)
            ? Encoding.UTF8.GetString(buffer, 0, written)
            : wireText;
    }

    private static IEnumerable<XElement> ReadMessages(Response response)
    {
        var document = XDocument.Parse(response.Content.ToString());
        return document.Root?.Elements("QueueMessage") ?? [];
    }

    private static string Text(XElement element, string name) => element.Element(name)?.Value ?? "";

    private static DateTimeOffset Date(XElement element, string name) =>
        DateTimeOffset.Parse(Text(element, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string Seconds(TimeSpan span) =>
        ((long)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$")]
    private static partial Regex QueueNamePattern();
}
