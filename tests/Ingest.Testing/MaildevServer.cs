using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ingest.Testing;

/// <summary>A real SMTP server for mail tests: maildev from the npm lock file, on free loopback ports, read through its REST API.</summary>
public sealed class MaildevServer : IDisposable
{
    private readonly HttpClient _api;

    private MaildevServer(ChildProcess process, int smtpPort, int webPort)
    {
        Process = process;
        SmtpPort = smtpPort;
        _api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/") };
    }

    public ChildProcess Process { get; }

    public int SmtpPort { get; }

    /// <param name="smtpPort">A port chosen in advance (to bring a mail server up where the app expects one); a free one when null.</param>
    public static async Task<MaildevServer> StartAsync(int? smtpPort = null)
    {
        // A port free when chosen can be taken before maildev binds it (another test's connection draws from the same
        // ephemeral range): maildev then exits with EADDRINUSE, and new ports are tried.
        for (var attempt = 1; ; attempt++)
        {
            var smtp = smtpPort ?? LoopbackPort.GetUnused();
            var web = LoopbackPort.GetUnused();
            var folder = Directory.CreateTempSubdirectory("ingest-maildev-").FullName;
            var process = ChildProcess.StartNode(
                RepositoryRoot.NodeTool("maildev", "bin/maildev"),
                ["--smtp", smtp.ToString(CultureInfo.InvariantCulture), "--web", web.ToString(CultureInfo.InvariantCulture), "--ip", "127.0.0.1", "--mail-directory", folder],
                folder);
            try
            {
                await process.WaitForLineAsync(new Regex("MailDev SMTP Server running"), TimeSpan.FromSeconds(60));
                await process.WaitForLineAsync(new Regex("MailDev webapp running"), TimeSpan.FromSeconds(60));
                // The web server says it runs before its listen call has been answered: the API answering is the proof.
                var server = new MaildevServer(process, smtp, web);
                await server.WaitForApiAsync(process);
                return server;
            }
            catch (InvalidOperationException) when (attempt < 5 && process.Output.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                process.Dispose();
            }
        }
    }

    /// <summary>Waits until the REST API answers; fails at once when maildev has exited (a port taken after all).</summary>
    private async Task WaitForApiAsync(ChildProcess process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"maildev exited. Output:\n{process.Output}");
            }

            try
            {
                using var response = await _api.GetAsync("email");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"maildev's API did not answer within 60 s. Output:\n{process.Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Every mail received so far, oldest first.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> MailsAsync()
    {
        var mails = await _api.GetFromJsonAsync<JsonElement>("email");
        return mails.EnumerateArray().Select(m => new ReceivedMail(
            m.GetProperty("envelope").GetProperty("to")[0].GetProperty("address").GetString()!,
            m.GetProperty("subject").GetString() ?? "",
            m.TryGetProperty("html", out var html) && html.ValueKind == JsonValueKind.String ? html.GetString() : null,
            m.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null,
            m.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.ValueKind == JsonValueKind.String ? h.Value.GetString()! : h.Value.GetRawText(), StringComparer.OrdinalIgnoreCase)))
            .ToList();
    }

    public async Task<IReadOnlyList<ReceivedMail>> MailsToAsync(string address) =>
        (await MailsAsync()).Where(m => string.Equals(m.To, address, StringComparison.OrdinalIgnoreCase)).ToList();

    public void Dispose()
    {
        _api.Dispose();
        Process.Dispose();
    }
}

public sealed record ReceivedMail(string To, string Subject, string? Html, string? Text, IReadOnlyDictionary<string, string> Headers);
