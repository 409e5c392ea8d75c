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
    public static bool Is(Exception ex) => Find(ex, e => e is RequestFailedException) is not null;

    /// <summary>
    /// A storage failure, or a connection that failed under a call (the SDK sometimes hands the transport's exception
    /// on unwrapped): for code whose only remote service is storage, both mean storage is away.
    /// </summary>
    public static bool IsOrConnectionFailure(Exception ex) =>
        Find(ex, e => e is RequestFailedException or HttpRequestException or IOException or System.Net.Sockets.SocketException or TimeoutException) is not null;

    /// <summary>The last exception behind <paramref name="ex"/> that <paramref name="match"/> takes: itself, a try of an aggregate, or what it wraps.</summary>
    private static Exception? Find(Exception? ex, Func<Exception, bool> match) => ex switch
    {
        null => null,
        _ when match(ex) => ex,
        AggregateException aggregate => aggregate.InnerExceptions.Select(e => Find(e, match)).LastOrDefault(f => f is not null),
        _ => Find(ex.InnerException, match),
    };

    public static string Describe(Exception ex)
    {
        var last = Find(ex, e => e is RequestFailedException) ?? ex;
        var firstLine = last.Message.Split('\n')[0].Trim();
        return last is RequestFailedException { Status: 0 }
            ? $"cannot reach storage: {firstLine}"
            : last is RequestFailedException failed ? $"storage refused the request ({failed.Status} {failed.ErrorCode}): {firstLine}" : firstLine;
    }
}
