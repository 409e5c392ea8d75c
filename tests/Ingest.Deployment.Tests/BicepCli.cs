using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Ingest.Testing;

namespace Ingest.Deployment.Tests;

/// <summary>
/// The Bicep CLI restored with the tests (package <c>Azure.Bicep.CommandLine.linux-x64</c>, whose build props give
/// its path): builds <c>infra/</c> to the ARM JSON Azure deploys, as <c>az deployment group create</c> would.
/// </summary>
public static class BicepCli
{
    private static readonly string Executable = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepPath").Value!.Replace('\\', '/');

    /// <summary>The ARM template <paramref name="bicepFile"/> builds to, and what the CLI said on the way (its warnings).</summary>
    public static async Task<(JsonObject Template, string Diagnostics)> BuildAsync(string bicepFile)
    {
        var (output, diagnostics) = await RunAsync(null, "build", Path.Combine(RepositoryRoot.Path, bicepFile), "--stdout");
        return (JsonNode.Parse(output)!.AsObject(), diagnostics);
    }

    /// <summary>The parameters <paramref name="paramFile"/> gives, read with <paramref name="environment"/> set.</summary>
    public static async Task<JsonObject> BuildParamsAsync(string paramFile, IReadOnlyDictionary<string, string?> environment)
    {
        var (output, _) = await RunAsync(environment, "build-params", Path.Combine(RepositoryRoot.Path, paramFile), "--stdout");
        return JsonNode.Parse((string)JsonNode.Parse(output)!["parametersJson"]!)!["parameters"]!.AsObject();
    }

    /// <summary>Runs the CLI; a failure throws with what it wrote to standard error.</summary>
    public static async Task<(string Output, string Diagnostics)> RunAsync(IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot.Path };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry from the CLI, and no look for a newer version: the tests run without the internet.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new BicepException($"bicep {arguments[0]} exited with {process.ExitCode}:\n{await error}");
        }

        return (await output, await error);
    }
}

public sealed class BicepException(string message) : Exception(message);
