using System.Text.RegularExpressions;
using Ingest.Testing;
using YamlDotNet.Serialization;

namespace Ingest.Deployment.Tests;

/// <summary>
/// <c>.github/workflows/deploy.yml</c> read as YAML and held to the repository: every action it uses is a real one at
/// a released major version, called with inputs that action declares; the scripts and files it runs exist; it signs
/// in to Azure with OpenID Connect; and it hands the Bicep parameters file the secrets that file reads.
/// </summary>
public sealed partial class WorkflowTests
{
    private const string WorkflowFile = ".github/workflows/deploy.yml";

    /// <summary>The actions the workflow may use, each with the inputs its <c>action.yml</c> declares at that major version.</summary>
    private static readonly Dictionary<string, string[]> KnownActions = new()
    {
        ["actions/checkout@v4"] = ["repository", "ref", "token", "ssh-key", "persist-credentials", "path", "clean", "fetch-depth", "fetch-tags", "lfs", "submodules"],
        ["actions/setup-dotnet@v4"] = ["dotnet-version", "dotnet-quality", "global-json-file", "source-url", "owner", "config-file", "cache", "cache-dependency-path"],
        ["actions/setup-node@v4"] = ["node-version", "node-version-file", "architecture", "check-latest", "registry-url", "scope", "token", "cache", "cache-dependency-path"],
        ["actions/upload-artifact@v4"] = ["name", "path", "if-no-files-found", "retention-days", "compression-level", "overwrite", "include-hidden-files"],
        ["actions/download-artifact@v4"] = ["name", "path", "pattern", "merge-multiple", "github-token", "repository", "run-id"],
        ["azure/login@v2"] = ["creds", "client-id", "tenant-id", "subscription-id", "enable-AzPSSession", "environment", "allow-no-subscriptions", "audience", "auth-type"],
    };

    private static readonly Dictionary<object, object> Workflow = (Dictionary<object, object>)new DeserializerBuilder().Build()
        .Deserialize<object>(File.ReadAllText(Path.Combine(RepositoryRoot.Path, WorkflowFile)))!;

    private static Dictionary<object, object> Jobs => Map(Workflow["jobs"]);

    [Fact]
    public void The_workflow_tests_then_deploys_on_each_push_to_main()
    {
        Assert.Equal(["test", "deploy"], Jobs.Keys.Cast<string>());
        Assert.Equal("test", Map(Jobs["deploy"])["needs"]);
        Assert.Equal(["main"], List(Map(Map(Workflow["on"])["push"])["branches"]));
        Assert.Contains(Steps("test"), step => Run(step) == File.ReadAllLines(Path.Combine(RepositoryRoot.Path, ".ci", "run")).Last().Replace("exec ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_step_uses_a_real_action_at_a_released_major_version_with_inputs_it_declares()
    {
        var uses = Jobs.Keys.Cast<string>().SelectMany(Steps).Where(step => step.ContainsKey("uses")).ToList();

        Assert.NotEmpty(uses);
        Assert.All(uses, step =>
        {
            var action = (string)step["uses"];
            Assert.True(KnownActions.TryGetValue(action, out var inputs), $"{action} is not an action this test knows");
            var given = step.TryGetValue("with", out var with) ? Map(with).Keys.Cast<string>() : [];
            Assert.Empty(given.Except(inputs!));
        });
    }

    [Fact]
    public void Azure_is_signed_in_to_with_openid_connect_and_no_stored_credential()
    {
        var deploy = Map(Jobs["deploy"]);
        var login = Assert.Single(Steps("deploy"), step => step.TryGetValue("uses", out var uses) && ((string)uses).StartsWith("azure/login@", StringComparison.Ordinal));
        var with = Map(login["with"]);

        Assert.Equal("write", Map(deploy["permissions"])["id-token"]);
        Assert.Equal("read", Map(Workflow["permissions"])["contents"]);
        Assert.Equal(["client-id", "subscription-id", "tenant-id"], with.Keys.Cast<string>().Order());
        Assert.All(with.Values.Cast<string>(), value => Assert.StartsWith("${{ vars.", value, StringComparison.Ordinal));
    }

    [Fact]
    public void The_files_the_steps_run_exist_in_the_repository()
    {
        var commands = Jobs.Keys.Cast<string>().SelectMany(Steps).Select(Run).OfType<string>().ToList();
        var paths = commands.SelectMany(c => RepositoryPath().Matches(c)).Select(m => m.Value.TrimStart('.', '/')).Distinct().ToList();

        Assert.Contains("test.sh", paths);
        Assert.Contains("scripts/package.sh", paths);
        Assert.Contains(InfrastructureBuild.ParametersFile, paths);
        Assert.All(paths, path => Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, path)), $"{path} is run by the workflow but not in the repository"));
    }

    [Fact]
    public async Task The_infrastructure_step_passes_exactly_the_secrets_the_parameters_file_reads_from_its_environment()
    {
        var parameters = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, InfrastructureBuild.ParametersFile));
        var read = EnvironmentRead().Matches(parameters).Select(m => m.Groups[1].Value).Order();
        var infra = Assert.Single(Steps("deploy"), step => step.TryGetValue("id", out var id) && (string)id == "infra");
        var env = Map(infra["env"]);

        Assert.Equal(read, env.Keys.Cast<string>().Order());
        Assert.All(env, pair => Assert.Equal($"${{{{ secrets.{pair.Key} }}}}", pair.Value));
    }

    private static IEnumerable<Dictionary<object, object>> Steps(string job) => List(Map(Jobs[job])["steps"]).Select(Map);

    private static string? Run(Dictionary<object, object> step) => step.TryGetValue("run", out var run) ? ((string)run).Trim() : null;

    private static Dictionary<object, object> Map(object node) => Assert.IsType<Dictionary<object, object>>(node);

    private static List<object> List(object node) => Assert.IsType<List<object>>(node);

    [GeneratedRegex(@"(?<![\w/$.-])(\./)?(test\.sh|scripts/[\w.-]+|infra/[\w./-]+)")]
    private static partial Regex RepositoryPath();

    [GeneratedRegex(@"readEnvironmentVariable\('([A-Z_]+)'")]
    private static partial Regex EnvironmentRead();
}
