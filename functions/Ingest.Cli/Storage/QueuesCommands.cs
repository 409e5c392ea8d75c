using System.CommandLine;
using Ingest.Core.Model;
using Ingest.Storage;
using Ingest.Storage.Accounts;

namespace Ingest.Cli.Storage;

/// <summary>
/// <c>ingest queues</c>: each queue's depth and poison depth; <c>ingest queues poison show|retry|purge QUEUE</c>: what
/// an operator does with messages that failed every try (<see cref="PoisonQueues"/>).
/// </summary>
internal static class QueuesCommands
{
    public static Command Create()
    {
        var poison = new Command("poison", "Show, retry or delete the messages of a queue that failed every try.")
        {
            Operation("show", "Print up to 32 poisoned messages of QUEUE with when they were poisoned.", async (queues, queue, output, ct) =>
            {
                var messages = await queues.PeekAsync(queue, ct);
                foreach (var message in messages)
                {
                    await output.WriteLineAsync($"{message.MessageId}  {message.InsertedOn:yyyy-MM-dd HH:mm:ss}Z  {message.MessageText}");
                }

                await output.WriteLineAsync($"{messages.Count} message(s) in {QueueNames.Poison(queue)}.");
            }),
            Operation("retry", "Move every poisoned message of QUEUE back to QUEUE for another round of tries.", async (queues, queue, output, ct) =>
                await output.WriteLineAsync($"Moved {await queues.RetryAsync(queue, ct)} message(s) from {QueueNames.Poison(queue)} back to {queue}.")),
            Operation("purge", "Delete every poisoned message of QUEUE.", async (queues, queue, output, ct) =>
                await output.WriteLineAsync($"Deleted {await queues.PurgeAsync(queue, ct)} message(s) from {QueueNames.Poison(queue)}.")),
        };

        var command = new Command("queues", "List each queue's depth and poison depth; 'poison' acts on the failed messages.") { poison };
        CommandAction.Set(command, async (_, context, cancellationToken) =>
        {
            var queues = new PoisonQueues(StorageAccount.FromConfiguration(context.Settings));
            await context.Output.WriteLineAsync($"{"queue",-24} {"messages",8} {"poison",8}");
            foreach (var (queue, messages, poisoned) in await queues.DepthsAsync(cancellationToken))
            {
                await context.Output.WriteLineAsync($"{queue,-24} {messages,8} {poisoned,8}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Operation(string name, string description, Func<PoisonQueues, string, TextWriter, CancellationToken, Task> body)
    {
        var queue = new Argument<string>("QUEUE") { Description = $"One of: {string.Join(", ", QueueNames.All)}." };
        var command = new Command(name, description) { queue };
        CommandAction.Set(command, async (parseResult, context, cancellationToken) =>
        {
            var chosen = parseResult.GetValue(queue)!;
            if (!QueueNames.All.Contains(chosen))
            {
                throw new CliException($"'{chosen}' is not one of Ingest's queues: {string.Join(", ", QueueNames.All)}", ExitCodes.BadInput);
            }

            await body(new PoisonQueues(StorageAccount.FromConfiguration(context.Settings)), chosen, context.Output, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
