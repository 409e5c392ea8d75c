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
/// is set, Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is — and nowhere otherwise.
/// </summary>
public static class TelemetrySetup
{
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ApplicationInsights = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static IServiceCollection AddIngestTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpoint]);
        var azureMonitor = !string.IsNullOrWhiteSpace(configuration[ApplicationInsights]);
        if (!otlp && !azureMonitor)
        {
            return services;
        }

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
                    tracing.AddAzureMonitorTraceExporter(o => o.ConnectionString = configuration[ApplicationInsights]);
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
                    metrics.AddAzureMonitorMetricExporter(o => o.ConnectionString = configuration[ApplicationInsights]);
                }
            });
        return services;
    }
}
