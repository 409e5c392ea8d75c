using Ingest.Functions;
using Ingest.Functions.Health;

// The Azure Functions host (or `ingest host`) starts this process with the port to listen on and
// forwards every invocation to it over HTTP (custom handler protocol, see DESIGN.md §5).
var builder = WebApplication.CreateSlimBuilder(args);
var port = builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"] ?? "7072";
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(sp => HandlerInfo.Create(sp.GetRequiredService<TimeProvider>()));

var app = builder.Build();

// The host polls GET / until it answers before sending any invocation.
app.MapGet("/", () => Results.Text("Ingest custom handler"));
app.MapGet("/api/health", HealthFunction.Get);

app.Run();
