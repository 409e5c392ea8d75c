using Ingest.Composition;
using Ingest.Core.Reads;
using Ingest.Core.Subscriptions;
using Ingest.Functions;
using Ingest.Functions.Http;
using Ingest.Functions.Startup;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The Functions host (or `ingest host`) starts this worker and drives it over gRPC; HTTP functions are served
// through the ASP.NET Core integration (docs/architecture.md).
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<InvocationMiddleware>();
builder.UseMiddleware<ReadGateMiddleware>();
builder.Logging
    .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
    // The Azure SDK logs every request at Information; its warnings are what an operator needs (the storage clients
    // log nothing: a lost conditional write is expected, see StorageClientOptions).
    .AddFilter("Azure", LogLevel.Warning)
    // A start-up that fails on a setting is reported below in one line; the host's own log of it would repeat it with a stack.
    .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);

SpanSummary.PrepareFor(builder.Configuration);
var appRoot = builder.Configuration["FUNCTIONS_APPLICATION_DIRECTORY"] is { Length: > 0 } directory ? directory : AppContext.BaseDirectory;
builder.Services.AddIngest(builder.Configuration, appRoot);
builder.Services.AddIngestTelemetry(builder.Configuration);
builder.Services.AddSingleton(HandlerInfo.Create());
builder.Services.AddSetting(() => ReadLimits.Read(builder.Configuration));
builder.Services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReadLimits>>().Value);
builder.Services.AddSingleton<SharedReads>();
builder.Services.AddSingleton<ReadGate>();
builder.Services.AddSingleton<Ingest.Functions.Queues.MailRetries>();
builder.Services.AddSingleton(Ingest.Functions.Queues.QueueTries.Read(builder.Configuration, appRoot));
// Per client address, per instance: enough for people, too little for a script.
builder.Services.AddSingleton(new ClientRateLimit(20, TimeSpan.FromMinutes(10)));
// Ingest signs its links itself and sets no cookie, so nothing ASP.NET Core protects has to outlive the process: keys
// kept in memory, never written unencrypted to a folder (which ASP.NET Core would warn of at every start).
builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
builder.Services.AddSingleton<CatalogueImported>();
builder.Services.AddHostedService<StorageStartup>();
builder.Services.AddHostedService<Warmup>();
builder.Services.AddHostedService<HostWatch>();
builder.Services.AddHostedService<CounterSummary>();
builder.Services.AddHostedService<SpanSummary>();

try
{
    await builder.Build().RunAsync();
    return 0;
}
catch (Exception ex) when (IngestServices.DescribeStartupFailure(ex) is { } failure)
{
    // A bad setting stops start-up with one line naming it, not a stack trace.
    Console.Error.WriteLine($"Ingest cannot start: {failure}");
    return 1;
}
