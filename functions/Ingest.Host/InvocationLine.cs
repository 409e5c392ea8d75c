namespace Ingest.Host;

/// <summary>One line per invocation: function, trigger, duration, outcome.</summary>
internal static class InvocationLine
{
    public static void Write(HostLog log, string function, string trigger, InvocationResult result)
    {
        log.Write($"{function} ({trigger}) {result.Duration.TotalMilliseconds:0} ms {(result.Succeeded ? "succeeded" : "failed: " + result.Failure)}");
    }
}
