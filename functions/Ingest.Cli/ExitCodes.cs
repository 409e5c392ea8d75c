namespace Ingest.Cli;

/// <summary>The exit codes every <c>ingest</c> command keeps to; scripts rely on them.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
}
