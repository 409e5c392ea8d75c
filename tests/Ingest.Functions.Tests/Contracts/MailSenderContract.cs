using Ingest.Core.Mail;
using Ingest.Testing;
using Ingest.Testing.Fakes;

namespace Ingest.Functions.Tests.Contracts;

/// <summary>
/// What every <see cref="IMailSender"/> does, the SMTP sender against real servers and the recording fake alike: a
/// mail taken is delivered to its recipient; a server away fails with a failure worth retrying; a recipient refused
/// for good fails as permanent. The delivery code decides on these, so the fake must fail as SMTP does.
/// </summary>
public abstract class MailSenderContract
{
    protected const string Refused = "left-the-paper@newsroom.example";

    private static OutgoingMail Mail(string to) =>
        new(to, "KFOR: patrols resume", "<p>KFOR patrols resumed near the crossing.</p>", "KFOR patrols resumed near the crossing.", new Uri("https://ingest.example/u"), "digest.r1.d-2026-12-01@ingest");

    /// <summary>A sender that delivers, and what has been delivered to an address (subjects).</summary>
    protected abstract Task<(IMailSender Sender, Func<string, Task<IReadOnlyList<string>>> Delivered)> TakingAsync();

    protected abstract Task<IMailSender> AwayAsync();

    /// <summary>A sender whose server refuses <see cref="Refused"/> for good.</summary>
    protected abstract Task<IMailSender> RefusingAsync();

    [Fact]
    public async Task A_mail_taken_is_delivered_to_its_recipient()
    {
        var (sender, delivered) = await TakingAsync();

        await sender.SendAsync(Mail("desk@newsroom.example"), CancellationToken.None);

        Assert.Equal(["KFOR: patrols resume"], await delivered("desk@newsroom.example"));
    }

    [Fact]
    public async Task A_server_away_fails_with_a_failure_worth_retrying()
    {
        var sender = await AwayAsync();

        var failure = await Assert.ThrowsAsync<DeliveryException>(() => sender.SendAsync(Mail("desk@newsroom.example"), CancellationToken.None));

        Assert.False(failure.Permanent);
    }

    [Fact]
    public async Task A_recipient_refused_for_good_fails_as_permanent()
    {
        var sender = await RefusingAsync();

        var failure = await Assert.ThrowsAsync<DeliveryException>(() => sender.SendAsync(Mail(Refused), CancellationToken.None));

        Assert.True(failure.Permanent);
    }
}

public sealed class SmtpMailSenderContractTests : MailSenderContract, IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _servers = [];
    private MaildevServer? _maildev;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _maildev?.Dispose();
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }

    private static SmtpMailSender Sender(int port) => new(new SmtpSettings("127.0.0.1", port, false, null, null, "ingest@newsroom.example"));

    protected override async Task<(IMailSender Sender, Func<string, Task<IReadOnlyList<string>>> Delivered)> TakingAsync()
    {
        _maildev = await MaildevServer.StartAsync();
        var maildev = _maildev;
        return (Sender(maildev.SmtpPort), async to => [.. (await maildev.MailsToAsync(to)).Select(m => m.Subject)]);
    }

    protected override Task<IMailSender> AwayAsync() => Task.FromResult<IMailSender>(Sender(LoopbackPort.GetUnused()));

    protected override Task<IMailSender> RefusingAsync()
    {
        var server = new RefusingSmtpServer(Refused);
        _servers.Add(server);
        return Task.FromResult<IMailSender>(Sender(server.Port));
    }
}

public sealed class RecordingMailSenderContractTests : MailSenderContract
{
    protected override Task<(IMailSender Sender, Func<string, Task<IReadOnlyList<string>>> Delivered)> TakingAsync()
    {
        var sender = new RecordingMailSender();
        return Task.FromResult<(IMailSender, Func<string, Task<IReadOnlyList<string>>>)>(
            (sender, to => Task.FromResult<IReadOnlyList<string>>([.. sender.Sent.Where(m => m.To == to).Select(m => m.Subject)])));
    }

    protected override Task<IMailSender> AwayAsync() =>
        Task.FromResult<IMailSender>(new RecordingMailSender { Refuse = RecordingMailSender.ServerAway() });

    protected override Task<IMailSender> RefusingAsync() =>
        Task.FromResult<IMailSender>(new RecordingMailSender { Refuse = RecordingMailSender.RefusedForGood(Refused) });
}
