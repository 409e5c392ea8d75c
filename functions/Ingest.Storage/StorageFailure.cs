using Azure;

namespace Ingest.Storage;

/// <summary>
/// What the Azure SDK throws when storage fails, in one line for people. A refused request is a
/// <see cref="RequestFailedException"/> (multi-line: status, code, headers); storage that cannot be reached at all
/// comes out of the retry policy as an <see cref="AggregateException"/> of them, one per try, sometimes mixed with the
/// transport's own exceptions (a reset connection's <see cref="System.Net.Sockets.SocketException"/>).
/// </summary>
public static class StorageFailure
{
    public static bool Is(Exception ex) =>
        ex is RequestFailedException
        || (ex is AggregateException aggregate && aggregate.InnerExceptions.Count > 0
            && aggregate.InnerExceptions.Any(e => e is RequestFailedException) && aggregate.InnerExceptions.All(IsTry));

    private static bool IsTry(Exception ex) =>
        ex is RequestFailedException or HttpRequestException or System.Net.Sockets.SocketException or IOException or TimeoutException;

    public static string Describe(Exception ex)
    {
        var last = ex is AggregateException aggregate ? aggregate.InnerExceptions.LastOrDefault(e => e is RequestFailedException) ?? aggregate.InnerExceptions[^1] : ex;
        var firstLine = last.Message.Split('\n')[0].Trim();
        return last is RequestFailedException { Status: 0 }
            ? $"cannot reach storage: {firstLine}"
            : last is RequestFailedException failed ? $"storage refused the request ({failed.Status} {failed.ErrorCode}): {firstLine}" : firstLine;
    }
}
