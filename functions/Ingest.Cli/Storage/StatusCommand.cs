using System.CommandLine;
using System.Globalization;
using Ingest.Core.Model;
using Ingest.Storage;
using Ingest.Storage.Accounts;

namespace Ingest.Cli.Storage;

/// <summary><c>ingest status</c>: whether storage answers, which tables exist, and how deep each queue is.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Show whether storage is reachable, its tables, and each queue's depth including poison messages.");
        CommandAction.Set(command, async (_, context, cancellationToken) =>
        {
            var account = StorageAccount.FromConfiguration(context.Settings);
            var output = context.Output;
            await output.WriteLineAsync($"Tables at {account.TableEndpoint}");
            var missing = 0;
            foreach (var name in StorageLayout.Tables)
            {
                var exists = await account.Tables.QueryAsync(t => t.Name == name, cancellationToken: cancellationToken).AnyAsync(cancellationToken);
                missing += exists ? 0 : 1;
                await output.WriteLineAsync($"  {name,-12} {(exists ? "ok" : "missing")}");
            }

            await output.WriteLineAsync($"Queues at {account.QueueEndpoint}");
            foreach (var name in QueueNames.All)
            {
                var depth = await DepthAsync(account, name, cancellationToken);
                var poison = await DepthAsync(account, QueueNames.Poison(name), cancellationToken);
                missing += (depth is null ? 1 : 0) + (poison is null ? 1 : 0);
                await output.WriteLineAsync($"  {name,-12} {depth?.ToString(CultureInfo.InvariantCulture) ?? "missing",7} messages, {poison?.ToString(CultureInfo.InvariantCulture) ?? "missing"} poison");
            }

            if (missing > 0)
            {
                await output.WriteLineAsync("Run 'ingest storage init' to create what is missing.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int?> DepthAsync(StorageAccount account, string queue, CancellationToken cancellationToken)
    {
        var client = account.GetQueueClient(queue);
        return await client.ExistsAsync(cancellationToken) ? await client.ApproximateCountAsync(cancellationToken) : null;
    }
}
