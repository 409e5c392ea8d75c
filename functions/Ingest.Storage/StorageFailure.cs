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
    public static bool Is(Exception ex) => Find(ex) is not null;

    /// <summary>The storage failure behind <paramref name="ex"/>: itself, a try of an aggregate, or what it wraps.</summary>
    private static RequestFailedException? Find(Exception? ex) => ex switch
    {
        null => null,
        RequestFailedException failed => failed,
        AggregateException aggregate => aggregate.InnerExceptions.Select(Find).LastOrDefault(f => f is not null),
        _ => Find(ex.InnerException),
    };

    public static string Describe(Exception ex)
    {
        Exception last = Find(ex) ?? ex;
        var firstLine = last.Message.Split('\n')[0].Trim();
        return last is RequestFailedException { Status: 0 }
            ? $"cannot reach storage: {firstLine}"
            : last is RequestFailedException failed ? $"storage refused the request ({failed.Status} {failed.ErrorCode}): {firstLine}" : firstLine;
    }
}
