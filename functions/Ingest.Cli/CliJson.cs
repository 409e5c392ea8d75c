using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ingest.Cli;

/// <summary>How commands print JSON: indented, and with non-ASCII text left readable.</summary>
internal static class CliJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
