using System.Text.Json;
using AccountRegistry.Application.Stats;

namespace AccountRegistry.Cli.Commands;

internal sealed class StatsCommand : ICommand
{
    public string Name => "stats";

    public string Usage => "stats [--json]";

    public async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        context.AllowOnly(["--json"], []);
        if (context.Positionals().Count > 0)
        {
            throw new UsageException("stats takes no arguments.");
        }

        var counts = await context.Get<StoredCounts.Handler>().HandleAsync(cancellationToken);
        if (context.HasFlag("--json"))
        {
            await context.Output.WriteLineAsync(JsonSerializer.Serialize(counts));
        }
        else
        {
            await context.Output.WriteLineAsync($"units           {counts.Units,12:N0}");
            await context.Output.WriteLineAsync($"accounts        {counts.Accounts,12:N0}");
            await context.Output.WriteLineAsync($"posts           {counts.Posts,12:N0}");
            await context.Output.WriteLineAsync($"read snapshots  {counts.ReadSnapshots,12:N0}");
        }

        return ExitCodes.Success;
    }
}
