using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Ingest.Core.Telemetry;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Ingest.Functions.Startup;

/// <summary>
/// OpenTelemetry for the worker: the Functions invocations (the worker's own integration) and Ingest's spans and
/// meter (<see cref="IngestTelemetry"/>), sent where the settings say — OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set, Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is — and nowhere otherwise. With
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING=Authorization=AAD</c> (as <c>infra/</c> sets it, the resource taking no
/// keys) the exporter signs in with the app's managed identity, a user-assigned one when <c>ClientId=…</c> names it.
/// </summary>
public static class TelemetrySetup
{
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ApplicationInsights = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string ApplicationInsightsAuthentication = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static IServiceCollection AddIngestTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpoint]);
        var azureMonitor = !string.IsNullOrWhiteSpace(configuration[ApplicationInsights]);
        if (!otlp && !azureMonitor)
        {
            return services;
        }

        var credential = EntraCredential(configuration[ApplicationInsightsAuthentication]);
        services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing =>
            {
                tracing.AddSource(IngestTelemetry.Name);
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }

                if (azureMonitor)
                {
                    tracing.AddAzureMonitorTraceExporter(o => (o.ConnectionString, o.Credential) = (configuration[ApplicationInsights], credential));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(IngestTelemetry.Name);
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }

                if (azureMonitor)
                {
                    metrics.AddAzureMonitorMetricExporter(o => (o.ConnectionString, o.Credential) = (configuration[ApplicationInsights], credential));
                }
            });
        return services;
    }

    /// <summary>The identity an authentication string of the form <c>Authorization=AAD[;ClientId=…]</c> names; null for none.</summary>
    public static TokenCredential? EntraCredential(string? authentication)
    {
        var parts = (authentication ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(pair => pair.Key, pair => pair.Last()[1], StringComparer.OrdinalIgnoreCase);
        if (!string.Equals(parts.GetValueOrDefault("Authorization"), "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return new ManagedIdentityCredential(parts.GetValueOrDefault("ClientId") is { Length: > 0 } clientId
            ? ManagedIdentityId.FromUserAssignedClientId(clientId)
            : ManagedIdentityId.SystemAssigned);
    }
}
