using System.Text.Json;
using Ingest.Testing;

namespace Ingest.Core.Tests;

public sealed class DependencyRulesTests
{
    [Fact]
    public void Core_depends_on_no_azure_package_not_even_transitively()
    {
        var assets = Path.Combine(RepositoryRoot.Path, "functions", "Ingest.Core", "obj", "project.assets.json");
        using var json = JsonDocument.Parse(File.ReadAllText(assets));

        var libraries = json.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name).ToList();

        Assert.DoesNotContain(libraries, name => name.StartsWith("Azure.", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(libraries, name => name.StartsWith("Ingest.Storage", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Core_assembly_references_no_azure_assembly()
    {
        var references = typeof(CoreAssembly).Assembly.GetReferencedAssemblies();

        Assert.DoesNotContain(references, a => a.Name!.StartsWith("Azure", StringComparison.OrdinalIgnoreCase));
    }
}
