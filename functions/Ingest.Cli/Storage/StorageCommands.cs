using System.CommandLine;
using Ingest.Storage;
using Ingest.Storage.Accounts;

namespace Ingest.Cli.Storage;

/// <summary><c>ingest storage init</c>: creates the tables and queues the service uses.</summary>
internal static class StorageCommands
{
    public static Command Create()
    {
        var init = new Command("init", "Create every table, queue and poison queue Ingest uses (existing ones are kept).");
        CommandAction.Set(init, async (_, context, cancellationToken) =>
        {
            var account = StorageAccount.FromConfiguration(context.Settings);
            var created = await StorageLayout.EnsureCreatedAsync(account, cancellationToken);
            await context.Output.WriteLineAsync(created.Count == 0
                ? $"Storage at {account.TableEndpoint} and {account.QueueEndpoint} already has every table and queue."
                : $"Created {string.Join(", ", created)}.");
            return ExitCodes.Success;
        });

        return new Command("storage", "Manage the storage account Ingest keeps its tables and queues in.") { init };
    }
}
