using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ingest.Core.Model;
using Ingest.Testing;

namespace Ingest.EndToEnd.Tests;

/// <summary>
/// The local run as the README walks through it: the sample server (with its live desk) and <c>ingest host</c> on the
/// repository's sample catalogue and local defaults; a reader subscribes for immediate alerts, confirms, and an alert
/// arrives from an article the live desk publishes afterwards. Only ports, storage and timer pace differ from
/// <c>./run.sh</c>, so the test does not wait minutes or collide with a run on this machine.
/// </summary>
public sealed partial class LocalRunTests
{
    /// <summary>
    /// Fast enough that an article follows the subscription soon, slow enough that the desk's pool of twelve does not go
    /// round before the subscription on a busy machine: a second round brings copies, which join their stories and
    /// alert nobody.
    /// </summary>
    private const int PaceSeconds = 12;

    [Fact]
    public async Task An_immediate_subscriber_gets_an_alert_from_the_live_sample_desk()
    {
        using var maildev = await MaildevServer.StartAsync();
        var samplesPort = LoopbackPort.GetUnused();
        using var samples = ChildProcess.Start("dotnet",
            [BuiltProject.Assembly("Ingest.Cli", "ingest"), "samples", "serve", "--folder", Path.Combine(RepositoryRoot.Path, "seeds", "samples"), "--port", samplesPort.ToString(CultureInfo.InvariantCulture), "--pace", PaceSeconds.ToString(CultureInfo.InvariantCulture)],
            RepositoryRoot.Path);
        await samples.WaitForLineAsync(new Regex("Serving .* on http://127.0.0.1:"), TimeSpan.FromSeconds(60));

        var catalogue = (await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "seeds", "samples", "feeds.json"))).Replace("127.0.0.1:7080", $"127.0.0.1:{samplesPort}", StringComparison.Ordinal);
        var settings = LocalDefaults();
        settings["Smtp__Port"] = maildev.SmtpPort.ToString(CultureInfo.InvariantCulture);
        settings["PollInterval"] = "00:00:02";
        await using var service = await ServiceUnderTest.StartAsync(catalogue, "*/2 * * * * *", settings);
        using var http = new HttpClient();

        // The fixed sample feeds' articles are there before anyone subscribes, as on a first ./run.sh: wait for their
        // first polls, so what comes after the subscription is the live desk's.
        foreach (var id in new[] { "sample-security-wire", "sample-pristina-defence", "sample-beogradski-pregled" })
        {
            await service.WaitForAsync(async () => (await service.FeedAsync(id)).LastPolledAt is not null, $"the first poll of {id}", seconds: 120);
        }

        await service.WaitForAsync(async () => (await service.Account.GetQueueClient(QueueNames.Alerts).PeekAllAsync()).Count == 0, "the first polls' alerts", seconds: 120);

        var subscribe = await http.PostAsync(new Uri(service.HttpBase, "api/subscriptions"), new StringContent(
            JsonSerializer.Serialize(new { email = "first.run@example.org", topics = new[] { "kfor", "ipap", "arms", "normalisation", "bih-stability", "russia-influence", "china-influence", "nato-allies" }, frequency = "immediate" }),
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, subscribe.StatusCode);
        var confirmation = await WaitForMailAsync(service, maildev, "first.run@example.org", 1);
        await MailingServiceFixture.ConfirmAsync(http, confirmation);

        // The live desk publishes every few seconds and two in three of its articles are on a topic: an alert follows.
        var alert = await WaitForMailAsync(service, maildev, "first.run@example.org", 2);
        Assert.Matches(@"^\d+ new: ", alert.Subject);
        Assert.Contains("/live/", alert.Text);
        Assert.Contains("sample-live-desk", alert.Text);

        using var status = JsonDocument.Parse(await http.GetStringAsync(new Uri(service.HttpBase, "api/status")));
        var found = status.RootElement.GetProperty("topics").EnumerateObject().Sum(t => t.Value.GetProperty("hitsLast24Hours").GetInt32());
        Assert.True(found > 0, "status counts no hits found today");

        // The log says what happened and nothing an operator must not see: the leases and conditional writes of the run
        // lost races by design, which is no "Error response" with headers, and no confirmation or unsubscribe token
        // nor the signing key is ever written out.
        var log = service.Host.Output;
        Assert.DoesNotContain("Error response", log, StringComparison.Ordinal);
        Assert.DoesNotContain(Token(MailingServiceFixture.ConfirmLink().Match(confirmation.Text!).Value), log, StringComparison.Ordinal);
        Assert.DoesNotContain(Token(UnsubscribeLink().Match(alert.Text!).Value), log, StringComparison.Ordinal);
        Assert.DoesNotContain(settings["SubscriptionSigningKey"], log, StringComparison.Ordinal);
        // Each invocation is one line with its function, trigger, duration and outcome (an HTTP one with its status,
        // written once the answer has gone, so it may follow the answer by a moment): the status request above is
        // there, and the one subscription request was processed once.
        await service.Host.WaitForLineAsync(InvocationLine("Status", "http"), TimeSpan.FromSeconds(60));
        await service.Host.WaitForLineAsync(InvocationLine("PollFeeds", "timer"), TimeSpan.FromSeconds(60));
        Assert.Single(InvocationLine("ProcessSubscription", "queue").Matches(service.Host.Output));
    }

    private static Regex InvocationLine(string function, string trigger) =>
        new($@"\b{function} \({trigger}[^)\n]*\) \d+ ms (succeeded|200)\r?$", RegexOptions.Multiline);

    private static string Token(string link) => Assert.IsType<string>(System.Web.HttpUtility.ParseQueryString(new Uri(link).Query)["token"]);

    [GeneratedRegex(@"http://localhost:\d+/api/\S*unsubscribe\S*\?token=[^\s>]+")]
    private static partial Regex UnsubscribeLink();

    /// <summary><c>local.settings.sample.json</c>'s values, as <c>./run.sh</c> runs with them.</summary>
    private static Dictionary<string, string> LocalDefaults()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "local.settings.sample.json")));
        var values = json.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
        values["TopicsPath"] = Path.Combine(RepositoryRoot.Path, values["TopicsPath"]);
        return values;
    }

    private static async Task<ReceivedMail> WaitForMailAsync(ServiceUnderTest service, MaildevServer maildev, string address, int count)
    {
        IReadOnlyList<ReceivedMail> mails = [];
        await service.WaitForAsync(async () => (mails = await maildev.MailsToAsync(address)).Count >= count, $"mail {count} to {address}", seconds: 120);
        return mails[count - 1];
    }
}
