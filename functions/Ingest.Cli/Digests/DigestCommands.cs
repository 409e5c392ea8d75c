using System.CommandLine;
using System.Globalization;
using Ingest.Composition;
using Ingest.Core.Deliveries;
using Ingest.Core.Mail;
using Ingest.Core.Model;
using Ingest.Core.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace Ingest.Cli.Digests;

/// <summary><c>ingest digest preview</c>: a subscriber's digest written to files, from the stored hits, without sending.</summary>
internal static class DigestCommands
{
    public static Command Create()
    {
        var email = new Option<string>("--email") { Description = "The subscriber's address.", Required = true };
        var period = new Option<string?>("--period") { Description = "The local date the digest is for (yyyy-MM-dd; default: the next digest, as far as it has been gathered)." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Where to write digest-<period>.html and .txt (default: the current folder).", DefaultValueFactory = _ => new DirectoryInfo(".") };
        var preview = new Command("preview", "Write a subscriber's digest (HTML and plain text) to files without sending it.") { email, period, output };
        CommandAction.Set(preview, async (parseResult, context, cancellationToken) =>
        {
            using var services = IngestServices.Build(context.Settings, context.SettingsFolder);
            var address = parseResult.GetValue(email)!;
            var subscriber = await services.GetRequiredService<SubscriptionService>().FindAsync(address, cancellationToken)
                ?? throw new CliException($"{address} has no subscription", ExitCodes.BadInput);
            if (subscriber.Frequency == Frequency.Immediate)
            {
                subscriber = subscriber with { Frequency = Frequency.Daily };
            }

            var digestPeriod = DigestSchedule.Next(subscriber, TimeProvider.System.GetUtcNow());
            if (parseResult.GetValue(period) is { } day)
            {
                digestPeriod = DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? DigestSchedule.ForDay(subscriber, date)
                    : throw new CliException($"--period must be a date such as 2026-11-22, not '{day}'", ExitCodes.BadInput);
            }

            var hits = await services.GetRequiredService<IHitReader>()
                .ReadAsync(subscriber.Topics, digestPeriod.Start, digestPeriod.End, subscriber.MinScore ?? 0, cancellationToken);
            var titles = services.GetRequiredService<TopicCatalog>().ShortNames;
            var content = DigestComposer.Compose(subscriber, digestPeriod, hits, titles, services.GetRequiredService<SubscriptionService>().UnsubscribeUrl(subscriber));
            if (content is null)
            {
                await context.Output.WriteLineAsync($"{digestPeriod.Id} ({digestPeriod.Start:u} to {digestPeriod.End:u}): nothing matched; no digest would be sent.");
                return ExitCodes.Success;
            }

            var digest = await services.GetRequiredService<IMailTemplates>().DigestAsync(content, cancellationToken);
            var folder = parseResult.GetValue(output)!;
            folder.Create();
            var html = Path.Combine(folder.FullName, $"digest-{digestPeriod.Id}.html");
            var text = Path.Combine(folder.FullName, $"digest-{digestPeriod.Id}.txt");
            await File.WriteAllTextAsync(html, digest.Html, cancellationToken);
            await File.WriteAllTextAsync(text, digest.Text, cancellationToken);
            await context.Output.WriteLineAsync($"{digest.Subject}\n{html}\n{text}");
            return ExitCodes.Success;
        });
        return new Command("digest", "Look at digests without sending them.") { preview };
    }
}
