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
using Ingest.Storage.Stores;

// The Azure Functions host (or `ingest host`) starts this process with the port to listen on and
// forwards every invocation to it over HTTP (custom handler protocol, see DESIGN.md §5).
var builder = WebApplication.CreateSlimBuilder(args);
var port = builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"] ?? "7072";
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
// One line per log entry, and no per-request chatter: the host logs every invocation already.
builder.Logging.AddSimpleConsole(o => o.SingleLine = true).AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
var appRoot = builder.Configuration["FUNCTIONS_APP_ROOT_PATH"] ?? AppContext.BaseDirectory;

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(sp => HandlerInfo.Create(sp.GetRequiredService<TimeProvider>()));
// Built on first use, so the handler answers GET / and health even while settings or storage are wrong.
builder.Services.AddSingleton(sp => PollingServices.Create(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<TimeProvider>(), appRoot));
builder.Services.AddSingleton(sp => new MailServices(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<PollingServices>(), sp.GetRequiredService<TimeProvider>()));
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
PollingServices Polling() => app.Services.GetRequiredService<PollingServices>();
MailServices Mail() => app.Services.GetRequiredService<MailServices>();
var clock = app.Services.GetRequiredService<TimeProvider>();

// The host polls GET / until it answers before sending any invocation.
app.MapGet("/", () => Results.Text("Ingest custom handler"));
app.MapGet("/api/health", HealthFunction.Get);
app.MapGet("/api/status", StatusFunction.GetAsync);
app.MapGet("/api/topics", TopicsFunction.Get);
app.MapGet("/api/dashboard", DashboardFunction.GetAsync);
app.MapGet("/api/subscribe", SubscribePageFunction.Get);
app.MapGet("/api/assets/{name}", AssetsFunction.Get);
app.MapTimerFunction("PollFeeds", "timer", (timer, log, ct) => PollFeedsFunction.RunAsync(timer, log, Polling(), clock, ct));
app.MapQueueFunction("PollFeed", "message", (message, log, ct) => PollFeedFunction.RunAsync(message, log, Polling(), ct));
app.MapPost("/api/subscriptions", SubscribeFunction.PostAsync);
app.MapQueueFunction("ProcessSubscription", "message", (message, log, ct) => ProcessSubscriptionFunction.RunAsync(message, log, Mail(), ct));
app.MapGet("/api/subscriptions/confirm", ConfirmFunction.Get);
app.MapPost("/api/subscriptions/confirm", ConfirmFunction.PostAsync);
app.MapGet("/api/subscriptions/unsubscribe", UnsubscribeFunction.Get);
app.MapPost("/api/subscriptions/unsubscribe", UnsubscribeFunction.PostAsync);
app.MapGet("/api/subscriptions/preferences", PreferencesFunction.GetAsync);
app.MapPost("/api/subscriptions/preferences", PreferencesFunction.PostAsync);
app.MapTimerFunction("ScheduleDigests", "timer", (timer, log, ct) => ScheduleDigestsFunction.RunAsync(timer, log, Polling(), Mail(), clock, ct));
app.MapQueueFunction("SendDigest", "message", (message, log, ct) => SendDigestFunction.RunAsync(message, log, Mail(), ct));
app.MapQueueFunction("SendAlert", "message", (message, log, ct) => SendAlertFunction.RunAsync(message, log, Mail(), ct));
app.MapQueueFunction("SendEmail", "message", (message, log, ct) => SendEmailFunction.RunAsync(message, log, Mail(), ct));

app.Run();
