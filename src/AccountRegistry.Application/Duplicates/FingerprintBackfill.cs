namespace AccountRegistry.Application.Duplicates;

/// <summary>
/// `registry fingerprint [--rebuild]`: fingerprints every stored post that lacks a current fingerprint (none, an
/// older algorithm, or a text that no longer matches its content hash) and records the near-duplicates, in batches
/// that each commit; an interrupted run loses at most one batch and the next run continues where it stopped.
/// --rebuild first forgets every fingerprint and pair (near_duplicates stays incomplete until the run ends; an
/// interrupted rebuild is finished by running the command again without --rebuild).
/// </summary>
public static class FingerprintBackfill
{
    public sealed record Command(bool Rebuild);

    public sealed record Result(long PendingAtStart, NearDuplicateDetector.RunResult Run);

    public sealed class Handler(NearDuplicateDetector detector)
    {
        public async Task<Result> HandleAsync(Command command, IProgress<string>? progress, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            if (command.Rebuild)
            {
                progress?.Report("forgetting every fingerprint and near-duplicate pair (--rebuild)");
                await detector.ClearAsync(cancellationToken);
            }

            var pending = await detector.CountPendingAsync(verifyContent: true, cancellationToken);
            progress?.Report(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{pending:N0} {(pending == 1 ? "post lacks" : "posts lack")} a current fingerprint"));
            var run = await detector.RunAsync(verifyContent: true, progress, cancellationToken);
            return new Result(pending, run);
        }
    }
}
