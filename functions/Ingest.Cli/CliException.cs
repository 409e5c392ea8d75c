namespace Ingest.Cli;

/// <summary>A failure the user can act on: printed as one line, never as a stack trace.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
