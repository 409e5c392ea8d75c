using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ingest.Core.Settings;
using Ingest.Functions.Startup;
using Ingest.Storage.Accounts;
using Ingest.Testing;

namespace Ingest.Deployment.Tests;

/// <summary>
/// <c>infra/main.bicep</c>, built to ARM with the Bicep CLI and held to what the code needs: every app setting the
/// code reads, no secret with a default, roles for the app's own identity, storage without shared keys, telemetry to
/// Application Insights with that identity.
/// </summary>
public sealed partial class TemplateTests(InfrastructureBuild infra) : IClassFixture<InfrastructureBuild>
{
    private ArmTemplate Template => infra.Template;

    private Dictionary<string, string> AppSettings => Template.Module("settings").Variable("appSettings").AsObject().ToDictionary(p => p.Key, p => p.Value!.ToString());

    [Fact]
    public void The_bicep_builds_without_a_warning_and_every_module_file_is_used()
    {
        Assert.Equal("", infra.Diagnostics.Trim());
        var modules = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "infra", "modules"), "*.bicep").Select(Path.GetFileNameWithoutExtension).Order();
        var deployed = Template.Root["resources"]!.AsArray().Where(r => (string?)r!["type"] == "Microsoft.Resources/deployments").Select(r => (string?)r!["name"]).Order();
        Assert.Equal(modules, deployed);
    }

    [Fact]
    public async Task A_bicep_file_with_an_error_fails_the_build_with_the_line_it_is_on()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"ingest-broken-{Guid.NewGuid():N}.bicep");
        await File.WriteAllTextAsync(broken, "param appName string\noutput url string = 'https://${appNam}'\n");
        try
        {
            var error = await Assert.ThrowsAsync<BicepException>(() => BicepCli.BuildAsync(broken));

            Assert.Contains("(2,", error.Message, StringComparison.Ordinal);
            Assert.Contains("appNam", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public void Every_app_setting_the_code_reads_is_set_by_the_template()
    {
        var read = SettingsTheCodeReads();

        Assert.Contains("Fetch__MaxBytes", read);
        Assert.Contains("PollSchedule", read);
        Assert.Empty(read.Except(AppSettings.Keys));
    }

    [Fact]
    public void The_app_runs_as_a_dotnet_isolated_worker_on_either_plan()
    {
        var runtime = Template.Module("app").Variable("flexConfig")["runtime"]!;

        Assert.Equal(("dotnet-isolated", "10.0"), ((string?)runtime["name"], (string?)runtime["version"]));
        Assert.Equal("dotnet-isolated", (string?)Template.Module("settings").Variable("premiumSettings")["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal(["FlexConsumption", "ElasticPremium"], Template.Root["parameters"]!["hostingPlan"]!["allowedValues"]!.AsArray().Select(v => (string?)v));
        Assert.Equal("functionapp,linux", (string?)Template.One("Microsoft.Web/sites")["kind"]);
    }

    [Fact]
    public void Storage_is_reached_with_the_apps_identity_and_secrets_come_from_key_vault()
    {
        var settings = AppSettings;

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.DoesNotContain(settings.Keys, key => key == StorageSettings.Connection);
        Assert.StartsWith("[format('@Microsoft.KeyVault(", settings[MailSettings.SigningKey]);
        Assert.StartsWith("[format('@Microsoft.KeyVault(", settings["Smtp__Password"]);
        Assert.Equal(2, Template.All("Microsoft.KeyVault/vaults/secrets").Count);
        Assert.Equal(true, (bool?)Template.One("Microsoft.KeyVault/vaults")["properties"]!["enableRbacAuthorization"]);
    }

    [Fact]
    public void Telemetry_goes_to_application_insights_with_the_apps_identity_not_a_key()
    {
        var settings = AppSettings;

        Assert.Equal("[parameters('insightsConnectionString')]", settings[TelemetrySetup.ApplicationInsights]);
        Assert.Equal("Authorization=AAD", settings[TelemetrySetup.ApplicationInsightsAuthentication]);
        Assert.Contains("outputs.connectionString.value", Template.ModuleArgument("settings", "insightsConnectionString"), StringComparison.Ordinal);
        var insights = Template.One("Microsoft.Insights/components")["properties"]!;
        Assert.Equal(true, (bool?)insights["DisableLocalAuth"]);
        Assert.Contains("Microsoft.OperationalInsights/workspaces", (string?)insights["WorkspaceResourceId"], StringComparison.Ordinal);
    }

    [Fact]
    public void Role_assignments_give_the_apps_own_identity_the_storage_secret_and_telemetry_roles_where_they_are_needed()
    {
        var access = Template.Module("access");
        var roles = access.Variable("roles").AsObject().ToDictionary(r => (string)r.Value!, r => r.Key);
        var assignments = access.All("Microsoft.Authorization/roleAssignments");

        Assert.Equal(5, roles.Count);
        Assert.Equal("[reference(resourceId('Microsoft.Resources/deployments', 'app'), '2025-04-01').outputs.principalId.value]", Template.ModuleArgument("access", "principalId"));
        Assert.Equal("[reference(resourceId('Microsoft.Web/sites', parameters('appName')), '2024-04-01', 'full').identity.principalId]", (string?)Template.Module("app").Root["outputs"]!["principalId"]!["value"]);
        Assert.Equal("SystemAssigned", (string?)Template.One("Microsoft.Web/sites")["identity"]!["type"]);
        Assert.All(assignments, a =>
        {
            Assert.Equal("[parameters('principalId')]", (string?)a["properties"]!["principalId"]);
            Assert.Equal("ServicePrincipal", (string?)a["properties"]!["principalType"]);
        });
        Assert.Equal(
            ["keyVaultSecretsUser on Microsoft.KeyVault/vaults", "monitoringMetricsPublisher on Microsoft.Insights/components", "storage roles on Microsoft.Storage/storageAccounts"],
            assignments.Select(a => $"{RoleOf(a, roles)} on {ScopeType().Match((string)a["scope"]!).Groups[1].Value}").Order());
        Assert.Equal(
            ["storageBlobDataOwner", "storageQueueDataContributor", "storageTableDataContributor"],
            access.Variable("storageRoles").AsArray().Select(r => RoleName().Match((string)r!).Groups[1].Value));
    }

    [Fact]
    public void The_storage_account_forbids_shared_keys_public_blobs_and_old_tls()
    {
        var storage = Template.One("Microsoft.Storage/storageAccounts")["properties"]!;

        Assert.Equal(false, (bool?)storage["allowSharedKeyAccess"]);
        Assert.Equal(false, (bool?)storage["allowBlobPublicAccess"]);
        Assert.Equal(true, (bool?)storage["supportsHttpsTrafficOnly"]);
        Assert.Equal("TLS1_2", (string?)storage["minimumTlsVersion"]);
    }

    [Fact]
    public void The_outputs_include_the_function_app_url_and_its_status_url()
    {
        var outputs = Template.Root["outputs"]!.AsObject();

        Assert.Contains("outputs.hostName.value", (string?)outputs["functionAppUrl"]!["value"], StringComparison.Ordinal);
        Assert.EndsWith("/api/status', reference(resourceId('Microsoft.Resources/deployments', 'app'), '2025-04-01').outputs.hostName.value)]", (string?)outputs["statusUrl"]!["value"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_parameters_file_holds_no_secret_and_takes_both_from_the_environment_of_whoever_deploys()
    {
        var declared = Template.Root["parameters"]!.AsObject();
        var secrets = declared.Where(p => (string?)p.Value!["type"] is "securestring" or "secureObject").Select(p => p.Key).ToList();
        var environment = new Dictionary<string, string?> { ["INGEST_SIGNING_KEY"] = new string('k', 48), ["INGEST_SMTP_PASSWORD"] = "smtp-password-from-the-environment" };

        var given = await BicepCli.BuildParamsAsync(InfrastructureBuild.ParametersFile, environment);

        Assert.Equal(["subscriptionSigningKey", "smtpPassword"], secrets);
        Assert.All(secrets, name => Assert.False(declared[name]!.AsObject().ContainsKey("defaultValue"), $"{name} has a default"));
        Assert.Empty(declared.Where(p => SecretName().IsMatch(p.Key) && !secrets.Contains(p.Key)).Select(p => p.Key));
        Assert.Equal(environment["INGEST_SIGNING_KEY"], (string?)given["subscriptionSigningKey"]!["value"]);
        Assert.Equal(environment["INGEST_SMTP_PASSWORD"], (string?)given["smtpPassword"]!["value"]);
        var required = declared.Where(p => !p.Value!.AsObject().ContainsKey("defaultValue")).Select(p => p.Key);
        Assert.Empty(required.Except(given.Select(p => p.Key)));
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, InfrastructureBuild.ParametersFile));
        Assert.DoesNotContain(environment["INGEST_SMTP_PASSWORD"]!, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploying_without_the_secrets_in_the_environment_fails_naming_what_is_missing()
    {
        var error = await Assert.ThrowsAsync<BicepException>(() =>
            BicepCli.BuildParamsAsync(InfrastructureBuild.ParametersFile, new Dictionary<string, string?> { ["INGEST_SIGNING_KEY"] = null, ["INGEST_SMTP_PASSWORD"] = null }));

        Assert.Contains("INGEST_SIGNING_KEY", error.Message, StringComparison.Ordinal);
        Assert.Contains("INGEST_SMTP_PASSWORD", error.Message, StringComparison.Ordinal);
    }

    private static string RoleOf(JsonObject assignment, Dictionary<string, string> roles)
    {
        var definition = (string)assignment["properties"]!["roleDefinitionId"]!;
        return definition.Contains("variables('storageRoles')", StringComparison.Ordinal) ? "storage roles" : RoleName().Match(definition).Groups[1].Value;
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

    [GeneratedRegex("%([A-Za-z0-9_]+)%")]
    private static partial Regex SettingReference();

    [GeneratedRegex("(?i)password|secret|signingkey")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"variables\('roles'\)\.(\w+)")]
    private static partial Regex RoleName();

    [GeneratedRegex(@"^\[resourceId\('([^']+)'")]
    private static partial Regex ScopeType();
}
