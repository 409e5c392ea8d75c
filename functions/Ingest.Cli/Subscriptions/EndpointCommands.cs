using System.CommandLine;
using Ingest.Composition;
using Ingest.Core.Deliveries;
using Ingest.Core.Fetching;
using Ingest.Core.Model;
using Ingest.Core.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ingest.Cli.Subscriptions;

/// <summary>
/// <c>ingest endpoints list|add|remove</c>: an operator sets up pushes for a subscription (a team's shared address, say)
/// as the subscriber would on their preferences page, with the same checks; a webhook's secret is printed once.
/// </summary>
internal static class EndpointCommands
{
    public static Command Create()
    {
        var email = new Option<string>("--email") { Description = "The subscriber's address.", Required = true };
        var kind = new Option<string>("--kind") { Description = "webhook, slack or teams.", Required = true };
        var url = new Option<string>("--url") { Description = "The endpoint's address (https://…).", Required = true };
        var id = new Option<string>("--id") { Description = "The endpoint's id, as list shows it.", Required = true };

        var list = new Command("list", "The subscription's push endpoints, each with how its last push went.") { email };
        CommandAction.Set(list, async (parseResult, context, cancellationToken) =>
        {
            using var services = IngestServices.Build(context.Settings, context.SettingsFolder);
            var subscriber = await FindAsync(services, parseResult.GetValue(email)!, cancellationToken);
            foreach (var endpoint in subscriber.Endpoints ?? [])
            {
                var status = await EndpointStatus.DescribeAsync(services.GetRequiredService<IDeliveryStore>(), subscriber, endpoint, cancellationToken);
                await context.Output.WriteLineAsync($"{endpoint.Id}  {endpoint.Kind.ToString().ToLowerInvariant(),-7}  {endpoint.Shown}  {status}");
            }

            return ExitCodes.Success;
        });

        var add = new Command("add", "Push the subscription's alerts and digests to a webhook, Slack or Teams as well.") { email, kind, url };
        CommandAction.Set(add, async (parseResult, context, cancellationToken) =>
        {
            using var services = IngestServices.Build(context.Settings, context.SettingsFolder);
            var subscriber = await FindAsync(services, parseResult.GetValue(email)!, cancellationToken);
            var fields = new Dictionary<string, string?> { [EndpointForm.KindField] = parseResult.GetValue(kind), [EndpointForm.UrlField] = parseResult.GetValue(url) };
            var (endpoint, _, error) = EndpointForm.Read(fields, subscriber, services.GetRequiredService<IOptions<FetchOptions>>().Value, TimeProvider.System.GetUtcNow());
            if (endpoint is null)
            {
                throw new CliException(error!, ExitCodes.BadInput);
            }

            await services.GetRequiredService<SubscriptionService>().AddEndpointAsync(subscriber, endpoint, cancellationToken);
            await context.Output.WriteLineAsync($"added {endpoint.Id} ({endpoint.Kind.ToString().ToLowerInvariant()}, {endpoint.Shown})");
            if (endpoint.Secret is { } secret)
            {
                await context.Output.WriteLineAsync($"signing secret (shown this once): {secret}");
            }

            return ExitCodes.Success;
        });

        var remove = new Command("remove", "Stop pushing to one endpoint.") { email, id };
        CommandAction.Set(remove, async (parseResult, context, cancellationToken) =>
        {
            using var services = IngestServices.Build(context.Settings, context.SettingsFolder);
            var subscriber = await FindAsync(services, parseResult.GetValue(email)!, cancellationToken);
            var endpointId = parseResult.GetValue(id)!;
            if (subscriber.Endpoints?.Any(e => e.Id == endpointId) != true)
            {
                throw new CliException($"the subscription has no endpoint {endpointId}", ExitCodes.BadInput);
            }

            await services.GetRequiredService<SubscriptionService>().RemoveEndpointAsync(subscriber, endpointId, cancellationToken);
            await context.Output.WriteLineAsync($"removed {endpointId}");
            return ExitCodes.Success;
        });

        return new Command("endpoints", "Where a subscription's mails are also pushed: webhooks, Slack, Teams.") { list, add, remove };
    }

    private static async Task<Subscriber> FindAsync(IServiceProvider services, string address, CancellationToken cancellationToken) =>
        await services.GetRequiredService<SubscriptionService>().FindAsync(address, cancellationToken) is { Status: SubscriberStatus.Active } subscriber
            ? subscriber
            : throw new CliException($"{address} has no active subscription", ExitCodes.BadInput);
}
