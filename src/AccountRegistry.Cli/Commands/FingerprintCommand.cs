using System.Globalization;
using AccountRegistry.Application.Duplicates;

namespace AccountRegistry.Cli.Commands;

/// <summary>Backfill of near-duplicate fingerprints (see <see cref="FingerprintBackfill"/>); progress goes to stderr.</summary>
internal sealed class FingerprintCommand : ICommand
{
    public string Name => "fingerprint";

    public string Usage => "fingerprint [--rebuild]";

    public async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        context.AllowOnly(["--rebuild"], []);
        if (context.Positionals().Count > 0)
        {
            throw new UsageException("fingerprint takes no arguments.");
        }

        var result = await context.Get<FingerprintBackfill.Handler>().HandleAsync(
            new FingerprintBackfill.Command(context.HasFlag("--rebuild")),
            new ImmediateProgress(context.Error),
            cancellationToken);
        var run = result.Run;
        await context.Output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"Fingerprinted {run.Posts:N0} posts in {run.Elapsed.TotalSeconds:F1} s: {run.Confirmed:N0} near-duplicate pairs confirmed ({run.RowsWritten:N0} rows) of {run.Candidates:N0} candidates."));
        return ExitCodes.Success;
    }

    /// <summary>Writes each report as it happens (Progress&lt;T&gt; would post it to the thread pool, out of order).</summary>
    private sealed class ImmediateProgress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine(value);
    }
}
