using System.Text.Json;

namespace Ingest.LoadTest;

/// <summary>The <c>local.settings.json</c> both load tests give <c>ingest host</c>: local storage, no mail, their own catalogue and poll pace.</summary>
public static class LoadSettings
{
    public static async Task<string> WriteAsync(string folder, string storage, string feedsPath, string pollSchedule, IReadOnlyDictionary<string, string>? extra = null)
    {
        var values = new Dictionary<string, string>
        {
            ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
            ["PublicBaseUrl"] = "http://localhost:7071/",
            ["SubscriptionSigningKey"] = "load-test-signing-key-0123456789",
            ["AzureWebJobsStorage"] = storage,
            ["PollSchedule"] = pollSchedule,
            ["DigestSchedule"] = "0 5 * * * *",
            ["FeedsPath"] = feedsPath,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        var path = Path.Combine(folder, "local.settings.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { Values = values }));
        return path;
    }
}
