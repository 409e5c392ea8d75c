namespace Ingest.Cli.Hosting;

/// <summary>One line per invocation: function, trigger, duration, outcome; then the lines the function logged.</summary>
internal static class InvocationLine
{
    public static void Write(HostLog log, string function, string trigger, InvocationResult result)
    {
        log.Write($"{function} ({trigger}) {result.Duration.TotalMilliseconds:0} ms {(result.Succeeded ? "succeeded" : "failed: " + result.Failure)}");
        foreach (var line in result.Logs)
        {
            log.Write($"  {function}: {line}");
        }
    }
}
