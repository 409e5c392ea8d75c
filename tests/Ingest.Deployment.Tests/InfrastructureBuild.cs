namespace Ingest.Deployment.Tests;

/// <summary><c>infra/main.bicep</c> built once for the tests that read it (the CLI takes seconds to start).</summary>
public sealed class InfrastructureBuild : IAsyncLifetime
{
    public const string MainFile = "infra/main.bicep";
    public const string ParametersFile = "infra/main.bicepparam";

    public ArmTemplate Template { get; private set; } = null!;

    /// <summary>What the CLI wrote beside the template: its warnings (linter rules and type checks), if any.</summary>
    public string Diagnostics { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var (template, diagnostics) = await BicepCli.BuildAsync(MainFile);
        (Template, Diagnostics) = (new ArmTemplate(template), diagnostics);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
