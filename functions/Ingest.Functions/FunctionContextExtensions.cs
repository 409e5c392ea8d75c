using Microsoft.Azure.Functions.Worker;

namespace Ingest.Functions;

/// <summary>What a queue function reads from its trigger's metadata.</summary>
public static class FunctionContextExtensions
{
    public static string? MessageId(this FunctionContext context) =>
        context.BindingContext.BindingData.TryGetValue("Id", out var id) ? id?.ToString() : null;
}
