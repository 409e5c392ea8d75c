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
    /// The message read by <paramref name="parse"/>; text it refuses fails every try as an
    /// <see cref="UnreadableMessageException"/>, so it ends in the poison queue where an operator sees it.
    /// </summary>
    public static T ReadMessage<T>(this FunctionContext context, string message, Func<string, T> parse)
    {
        try
        {
            return parse(message);
        }
        catch (FormatException ex)
        {
            throw new UnreadableMessageException(context.FunctionDefinition.Name, context.MessageId(), ex.Message);
        }
    }
}
