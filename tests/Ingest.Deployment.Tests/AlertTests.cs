using System.Diagnostics.Metrics;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ingest.Core.Monitoring;
using Ingest.Core.Telemetry;
using Ingest.Functions.Endpoints;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.Deployment.Tests;

/// <summary>
/// What warns an operator (<c>infra/modules/alerts.bicep</c>, built to ARM): an availability test on the route the
/// code serves without a key, and log alerts whose queries name metrics, tags and values the worker really sends.
/// </summary>
public sealed partial class AlertTests(InfrastructureBuild infra) : IClassFixture<InfrastructureBuild>
{
    private ArmTemplate Alerts => infra.Template.Module("alerts");

    [Fact]
    public void An_availability_test_calls_the_health_route_the_worker_serves_without_a_key_from_three_places()
    {
        var test = Alerts.One("Microsoft.Insights/webtests");
        var properties = test["properties"]!;
        var health = typeof(HealthEndpoint).GetMethod(nameof(HealthEndpoint.Health))!.GetParameters()[0].GetCustomAttribute<HttpTriggerAttribute>()!;

        Assert.Equal(("standard", AuthorizationLevel.Anonymous), ((string?)test["kind"], health.AuthLevel));
        Assert.Equal($"[format('https://{{0}}/api/{health.Route}', parameters('hostName'))]", (string?)properties["Request"]!["RequestUrl"]);
        Assert.Contains("outputs.hostName.value", infra.Template.ModuleArgument("alerts", "hostName"), StringComparison.Ordinal);
        Assert.Equal(200, (int?)properties["ValidationRules"]!["ExpectedHttpStatusCode"]);
        Assert.Equal(3, properties["Locations"]!.AsArray().Count);
        Assert.Equal(true, (bool?)properties["Enabled"]);
        Assert.Contains(test["tags"]!.AsObject(), tag => tag.Key.Contains("hidden-link:", StringComparison.Ordinal) && tag.Key.Contains("Microsoft.Insights/components", StringComparison.Ordinal));
    }

    [Fact]
    public void The_availability_alert_fires_when_the_test_fails_from_two_of_its_places()
    {
        var alert = Alerts.One("Microsoft.Insights/metricAlerts")["properties"]!;
        var criteria = alert["criteria"]!;

        Assert.Equal("Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria", (string?)criteria["odata.type"]);
        Assert.Equal("[resourceId('Microsoft.Insights/webtests', format('{0}-health', parameters('appName')))]", (string?)criteria["webTestId"]);
        Assert.Equal(2, (int?)criteria["failedLocationCount"]);
        Assert.Equal(true, (bool?)alert["enabled"]);
    }

    [Fact]
    public void Four_log_alerts_watch_freshness_poison_queues_mail_failures_and_a_day_without_hits()
    {
        var rules = LogAlerts();

        Assert.Equal(["freshness-unhealthy", "mail-failing", "no-hits", "poisoned-messages"], rules.Keys.Order());
        Assert.All(rules.Values, rule =>
        {
            Assert.Equal(true, (bool?)rule["enabled"]);
            Assert.Equal(true, (bool?)rule["autoMitigate"]);
            Assert.Equal("[resourceId('Microsoft.OperationalInsights/workspaces', parameters('workspaceName'))]", (string?)Assert.Single(rule["scopes"]!.AsArray()));
            Assert.Equal("[variables('actionGroups')]", (string?)rule["actions"]!["actionGroups"]);
        });
        Assert.Equal(("GreaterThanOrEqual", new FreshnessReport(FreshnessReport.Unhealthy, []).Level), Condition(rules["freshness-unhealthy"]));
        Assert.Equal(("GreaterThan", 0), Condition(rules["poisoned-messages"]));
        Assert.Equal(("LessThan", 1), Condition(rules["no-hits"]));
        Assert.Equal("P1D", (string?)rules["no-hits"]["windowSize"]);
        Assert.Equal("[parameters('mailFailuresPerHour')]", (string?)Criterion(rules["mail-failing"])["threshold"]);
        Assert.Equal("PT1H", (string?)rules["mail-failing"]["windowSize"]);
    }

    [Fact]
    public void Every_alert_query_names_a_metric_the_worker_sends_with_its_own_tags_and_values()
    {
        var sent = InstrumentsOf(meter => _ = new IngestMetrics(meter));
        var tags = typeof(IngestTelemetry.Tags).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();
        var outcomes = typeof(MailOutcomes).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();

        foreach (var (name, rule) in LogAlerts())
        {
            var query = (string)Criterion(rule)["query"]!;
            var metric = MetricName().Match(query);
            Assert.True(metric.Success, $"{name}: the query names no metric: {query}");
            Assert.Contains(metric.Groups[1].Value, sent);
            Assert.All(TagName().Matches(query), tag => Assert.Contains(tag.Groups[1].Value, tags));
            Assert.Contains($"summarize {Criterion(rule)["metricMeasureColumn"]} = ", query, StringComparison.Ordinal);
        }

        var mailQuery = (string)Criterion(LogAlerts()["mail-failing"])["query"]!;
        Assert.Contains($"\"{MailOutcomes.Deferred}\"", mailQuery, StringComparison.Ordinal);
        Assert.Contains($"\"{MailOutcomes.Refused}\"", mailQuery, StringComparison.Ordinal);
        Assert.All(QuotedValue().Matches(mailQuery.Split(" in ", 2)[1]), value => Assert.Contains(value.Groups[1].Value, outcomes));
    }

    [Fact]
    public void Alerts_mail_the_operators_only_when_an_address_is_given()
    {
        var group = Alerts.One("Microsoft.Insights/actionGroups");

        Assert.Equal("[not(empty(parameters('alertEmail')))]", (string?)group["condition"]);
        Assert.Equal("[parameters('alertEmail')]", (string?)group["properties"]!["emailReceivers"]![0]!["emailAddress"]);
        Assert.StartsWith("[if(empty(parameters('alertEmail')), createArray(), ", (string?)Alerts.Variable("actionGroups"), StringComparison.Ordinal);
        Assert.Equal("[parameters('alertEmail')]", infra.Template.ModuleArgument("alerts", "alertEmail"));
    }

    private Dictionary<string, JsonNode> LogAlerts() =>
        Alerts.All("Microsoft.Insights/scheduledQueryRules").ToDictionary(r => RuleName().Match((string)r["name"]!).Groups[1].Value, r => r["properties"]!);

    private static JsonNode Criterion(JsonNode rule) => Assert.Single(rule["criteria"]!["allOf"]!.AsArray())!;

    private static (string?, int?) Condition(JsonNode rule) => ((string?)Criterion(rule)["operator"], (int?)Criterion(rule)["threshold"]);

    /// <summary>The names of the instruments <paramref name="create"/> makes on a meter of Ingest's name.</summary>
    private static HashSet<string> InstrumentsOf(Action<Meter> create)
    {
        using var meter = new Meter(IngestTelemetry.Name);
        var names = new HashSet<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter == meter)
                {
                    names.Add(instrument.Name);
                }
            },
        };
        listener.Start();
        create(meter);
        return names;
    }

    [GeneratedRegex(@"format\('\{0\}-([a-z-]+)'")]
    private static partial Regex RuleName();

    [GeneratedRegex(@"Name == ""([a-z.]+)""")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"Properties\[""([a-z.]+)""\]")]
    private static partial Regex TagName();

    [GeneratedRegex(@"""([a-z-]+)""")]
    private static partial Regex QuotedValue();
}
