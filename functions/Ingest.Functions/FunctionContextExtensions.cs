using Ingest.Core.Model;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.Functions;

/// <summary>What a queue function reads from its trigger's metadata.</summary>
public static class FunctionContextExtensions
{
    public static string? MessageId(this FunctionContext context) =>
        context.BindingContext.BindingData.TryGetValue("Id", out var id) ? id?.ToString() : null;

    /// <summary>Which delivery of its message this invocation is, as the queue counts it (1 for the first).</summary>
    public static string? DequeueCount(this FunctionContext context) =>
        context.BindingContext.BindingData.TryGetValue("DequeueCount", out var count) ? count?.ToString() : null;

    /// <summary>
    /// The bound message, when it holds what its work needs; otherwise it fails every try as an
    /// <see cref="UnreadableMessageException"/>, so it ends in the poison queue where an operator sees it.
    /// </summary>
    public static T Require<T>(this FunctionContext context, T? message) where T : class, IQueueMessage =>
        (message is null ? "the message is empty" : message.Lacks()) is { } lacks
            ? throw new UnreadableMessageException(context.FunctionDefinition.Name, context.MessageId(), lacks)
            : message!;
}
