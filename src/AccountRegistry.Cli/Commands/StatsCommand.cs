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
            // spec/interchange.md: "exactly {"units": N, "accounts": N, "posts": N, "read_snapshots": N}". Written in
            // the spec's own spacing (a space after each colon and comma), so the line equals the spec's text as well
            // as its JSON; the names come from the result's JSON attributes, the one place they are spelled.
            using var parsed = JsonDocument.Parse(JsonSerializer.Serialize(counts));
            var members = parsed.RootElement.EnumerateObject().Select(p => $"{JsonSerializer.Serialize(p.Name)}: {p.Value.GetRawText()}");
            await context.Output.WriteLineAsync("{" + string.Join(", ", members) + "}");
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
