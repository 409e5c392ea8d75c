using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ingest.Core.Settings;
using Ingest.Storage.Accounts;
using Ingest.Testing;

namespace Ingest.Deployment.Tests;

/// <summary>
/// <c>infra/azuredeploy.json</c> read as JSON and held to what the code needs: every app setting the code reads,
/// no secret with a default, roles for the app's own identity, a storage account without shared keys.
/// </summary>
public sealed partial class TemplateTests
{
    private static readonly JsonObject Template = Load("infra/azuredeploy.json");
    private static readonly JsonObject Parameters = Load("infra/azuredeploy.parameters.json");

    [Fact]
    public void Every_app_setting_the_code_reads_is_set_by_the_template()
    {
        var read = SettingsTheCodeReads();
        var set = Settings(Template["variables"]!["appSettings"]!).Keys.ToHashSet();

        Assert.Contains("Fetch__MaxBytes", read);
        Assert.Contains("PollSchedule", read);
        Assert.Empty(read.Except(set));
    }

    [Fact]
    public void The_app_runs_as_a_dotnet_isolated_worker_on_either_plan()
    {
        Assert.Equal(("dotnet-isolated", "10.0"), ((string?)Template["variables"]!["flexConfig"]!["runtime"]!["name"], (string?)Template["variables"]!["flexConfig"]!["runtime"]!["version"]));
        Assert.Equal("dotnet-isolated", (string?)Template["variables"]!["premiumSettings"]!["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal(["FlexConsumption", "ElasticPremium"], Template["parameters"]!["hostingPlan"]!["allowedValues"]!.AsArray().Select(v => (string?)v));
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", Resource("Microsoft.Web/sites/config")["properties"]!.ToString());
    }

    [Fact]
    public void Storage_is_reached_with_the_apps_identity_and_secrets_come_from_key_vault()
    {
        var settings = Settings(Template["variables"]!["appSettings"]!);

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.DoesNotContain(settings.Keys, key => key == StorageSettings.Connection);
        Assert.StartsWith("[format('@Microsoft.KeyVault(", settings[MailSettings.SigningKey]);
        Assert.StartsWith("[format('@Microsoft.KeyVault(", settings["Smtp__Password"]);
        Assert.Equal(2, Resources("Microsoft.KeyVault/vaults/secrets").Count);
        Assert.Equal(true, (bool?)Resource("Microsoft.KeyVault/vaults")["properties"]!["enableRbacAuthorization"]);
    }

    [Fact]
    public void No_secret_has_a_default_value_and_the_parameters_file_holds_none()
    {
        var parameters = Template["parameters"]!.AsObject();
        var secrets = parameters.Where(p => (string?)p.Value!["type"] is "securestring" or "secureObject").Select(p => p.Key).ToList();

        Assert.Equal(["subscriptionSigningKey", "smtpPassword"], secrets);
        Assert.All(secrets, name => Assert.False(parameters[name]!.AsObject().ContainsKey("defaultValue"), $"{name} has a default"));
        Assert.Empty(parameters.Where(p => SecretName().IsMatch(p.Key) && !secrets.Contains(p.Key)).Select(p => p.Key));
        var given = Parameters["parameters"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Empty(given.Intersect(secrets));
        Assert.Empty(given.Except(parameters.Select(p => p.Key)));
        var required = parameters.Where(p => !p.Value!.AsObject().ContainsKey("defaultValue")).Select(p => p.Key).Except(secrets);
        Assert.Empty(required.Except(given));
    }

    [Fact]
    public void Role_assignments_give_the_apps_own_identity_the_storage_and_secret_roles()
    {
        var assignments = Resources("Microsoft.Authorization/roleAssignments");
        var roles = Template["variables"]!["roles"]!.AsObject();

        Assert.Equal(["storageBlobDataOwner", "storageQueueDataContributor", "storageTableDataContributor", "keyVaultSecretsUser"], roles.Select(r => r.Key));
        Assert.Equal(roles.Select(r => r.Key).Order(), assignments.Select(a => RoleName().Match((string)a["properties"]!["roleDefinitionId"]!).Groups[1].Value).Order());
        Assert.All(assignments, a =>
        {
            Assert.Equal("[reference(resourceId('Microsoft.Web/sites', parameters('appName')), '2023-12-01', 'full').identity.principalId]", (string?)a["properties"]!["principalId"]);
            Assert.Equal("ServicePrincipal", (string?)a["properties"]!["principalType"]);
        });
        Assert.Equal("SystemAssigned", (string?)Resource("Microsoft.Web/sites")["identity"]!["type"]);
    }

    [Fact]
    public void The_storage_account_forbids_shared_keys_public_blobs_and_old_tls()
    {
        var storage = Resource("Microsoft.Storage/storageAccounts")["properties"]!;

        Assert.Equal(false, (bool?)storage["allowSharedKeyAccess"]);
        Assert.Equal(false, (bool?)storage["allowBlobPublicAccess"]);
        Assert.Equal(true, (bool?)storage["supportsHttpsTrafficOnly"]);
        Assert.Equal("TLS1_2", (string?)storage["minimumTlsVersion"]);
    }

    [Fact]
    public void The_outputs_include_the_function_app_url()
    {
        var outputs = Template["outputs"]!.AsObject();

        Assert.Contains("defaultHostName", (string?)outputs["functionAppUrl"]!["value"]);
        Assert.Contains("statusUrl", outputs.Select(o => o.Key));
    }

    /// <summary>
    /// The keys every settings class of the app declares (a static <c>Keys</c> on each <c>*Settings</c> class), plus
    /// the <c>%Setting%</c> references in the functions' trigger attributes, which the Functions host resolves.
    /// </summary>
    private static HashSet<string> SettingsTheCodeReads()
    {
        var assemblies = new[] { typeof(FetchSettings).Assembly, typeof(StorageSettings).Assembly, typeof(Ingest.Functions.HandlerInfo).Assembly };
        var keys = assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t.Name.EndsWith("Settings", StringComparison.Ordinal) && t.IsAbstract && t.IsSealed)
            .Select(t => t.GetProperty("Keys", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as IReadOnlyList<string>)
            .OfType<IReadOnlyList<string>>()
            .SelectMany(k => k)
            .ToHashSet();
        var triggers = typeof(Ingest.Functions.HandlerInfo).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetParameters())
            .SelectMany(p => p.GetCustomAttributes(inherit: false))
            .SelectMany(a => a.GetType().GetProperties().Where(p => p.PropertyType == typeof(string)).Select(p => p.GetValue(a) as string))
            .OfType<string>();
        keys.UnionWith(triggers.SelectMany(value => SettingReference().Matches(value).Select(m => m.Groups[1].Value)));

        return keys;
    }

    private static Dictionary<string, string> Settings(JsonNode node) => node.AsObject().ToDictionary(p => p.Key, p => p.Value!.ToString());

    private static List<JsonNode> Resources(string type) => Template["resources"]!.AsArray().Where(r => (string?)r!["type"] == type).Select(r => r!).ToList();

    private static JsonNode Resource(string type) => Assert.Single(Resources(type));

    private static JsonObject Load(string path) => JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, path)))!.AsObject();

    [GeneratedRegex("%([A-Za-z0-9_]+)%")]
    private static partial Regex SettingReference();

    [GeneratedRegex("(?i)password|secret|signingkey")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"variables\('roles'\)\.(\w+)\)")]
    private static partial Regex RoleName();
}
