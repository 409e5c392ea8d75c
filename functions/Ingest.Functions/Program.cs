using Ingest.Core.Subscriptions;
using Ingest.Functions;
using Ingest.Functions.Assets;
using Ingest.Functions.Dashboard;
using Ingest.Functions.SubscribePage;
using Ingest.Functions.Topics;
using Ingest.Functions.ConfirmSubscription;
using Ingest.Functions.ScheduleDigests;
using Ingest.Functions.SendAlert;
using Ingest.Functions.SendDigest;
using Ingest.Functions.SendEmail;
using Ingest.Functions.Subscribe;
using Ingest.Functions.Unsubscribe;
using Ingest.Functions.Health;
using Ingest.Functions.Invocations;
using Ingest.Functions.PollFeed;
using Ingest.Functions.PollFeeds;
using Ingest.Functions.ProcessSubscription;
using Ingest.Functions.Preferences;
using Ingest.Functions.Status;
using Ingest.Composition;
using Ingest.Core.Digests;
using Ingest.Core.Mail;
using Ingest.Core.Polling;
using Ingest.Storage.Stores;

// The Azure Functions host (or `ingest host`) starts this process with the port to listen on and
// forwards every invocation to it over HTTP (custom handler protocol, see DESIGN.md §5).
var builder = WebApplication.CreateSlimBuilder(args);
var port = builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"] ?? "7072";
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
// One line per log entry, and no per-request chatter: the host logs every invocation already.
builder.Logging.AddSimpleConsole(o => o.SingleLine = true).AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
    // The Azure SDK logs every request at Information; its warnings (retries, failures) are what an operator needs.
    .AddFilter("Azure", LogLevel.Warning)
    // A start-up that fails on a setting is reported below in one line; the host's own log of it would repeat it with a stack.
    .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
var appRoot = builder.Configuration["FUNCTIONS_APP_ROOT_PATH"] ?? AppContext.BaseDirectory;

builder.Services.AddIngest(builder.Configuration, appRoot);
builder.Services.AddSingleton(sp => HandlerInfo.Create(sp.GetRequiredService<TimeProvider>()));
// Per client address, per instance: enough for people, too little for a script.
builder.Services.AddSingleton(sp => new RateLimiter(20, TimeSpan.FromMinutes(10), sp.GetRequiredService<TimeProvider>()));
builder.Services.AddHostedService<CatalogImport>();

var app = builder.Build();

// No response is ever to be read as anything but its declared type (a JSON error shown as HTML, say).
app.Use((context, next) =>
{
    context.Response.Headers.XContentTypeOptions = "nosniff";
    return next(context);
});
T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();
var clock = Get<TimeProvider>();

// The host polls GET / until it answers before sending any invocation.
app.MapGet("/", () => Results.Text("Ingest custom handler"));
app.MapGet("/api/health", HealthFunction.Get);
app.MapGet("/api/status", StatusFunction.GetAsync);
app.MapGet("/api/topics", TopicsFunction.Get);
app.MapGet("/api/dashboard", DashboardFunction.GetAsync);
app.MapGet("/api/subscribe", SubscribePageFunction.Get);
app.MapGet("/api/assets/{name}", AssetsFunction.Get);
app.MapTimerFunction("PollFeeds", "timer", (timer, log, ct) => PollFeedsFunction.RunAsync(timer, log, Get<PollDispatcher>(), Get<RunTable>(), clock, ct));
app.MapQueueFunction("PollFeed", "message", (message, log, ct) => PollFeedFunction.RunAsync(message, log, Get<FeedPoller>(), ct));
app.MapPost("/api/subscriptions", SubscribeFunction.PostAsync);
app.MapQueueFunction("ProcessSubscription", "message", (message, log, ct) => ProcessSubscriptionFunction.RunAsync(message, log, Get<SubscriptionService>(), ct));
app.MapGet("/api/subscriptions/confirm", ConfirmFunction.Get);
app.MapPost("/api/subscriptions/confirm", ConfirmFunction.PostAsync);
app.MapGet("/api/subscriptions/unsubscribe", UnsubscribeFunction.Get);
app.MapPost("/api/subscriptions/unsubscribe", UnsubscribeFunction.PostAsync);
app.MapGet("/api/subscriptions/preferences", PreferencesFunction.GetAsync);
app.MapPost("/api/subscriptions/preferences", PreferencesFunction.PostAsync);
app.MapTimerFunction("ScheduleDigests", "timer", (timer, log, ct) => ScheduleDigestsFunction.RunAsync(timer, log, Get<DigestScheduler>(), Get<RunTable>(), clock, ct));
app.MapQueueFunction("SendDigest", "message", (message, log, ct) => SendDigestFunction.RunAsync(message, log, Get<DigestSender>(), ct));
app.MapQueueFunction("SendAlert", "message", (message, log, ct) => SendAlertFunction.RunAsync(message, log, Get<AlertSender>(), ct));
app.MapQueueFunction("SendEmail", "message", (message, log, ct) => SendEmailFunction.RunAsync(message, log, Get<IMailSender>(), ct));

try
{
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (IngestServices.DescribeStartupFailure(ex) is { } failure)
{
    // A bad setting stops start-up with one line naming it, not a stack trace.
    Console.Error.WriteLine($"Ingest cannot start: {failure}");
    return 1;
}
