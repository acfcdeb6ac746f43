using System.Diagnostics;
using System.Globalization;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Imports;

namespace AccountRegistry.Cli.Commands;

/// <summary>
/// `registry import DIR [--no-wait]`: imports units, accounts, posts, reads (.csv or .xlsx) found in DIR, in that order.
/// It also does the follow-up work (fingerprints, content checks) itself, printing its progress, because a person at
/// a terminal expects "done" to mean done; with --no-wait it leaves that to the app's background worker. Like that
/// worker, it starts as soon as the posts are stored, beside the import of the files after them (reads take as long
/// as posts), and finishes what is left once the last file is in.
/// </summary>
internal sealed class ImportCommand : ICommand
{
    public string Name => "import";

    public string Usage => "import DIR [--no-wait]";

    public async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        context.AllowOnly(["--no-wait"], []);
        var positionals = context.Positionals();
        if (positionals.Count != 1)
        {
            throw new UsageException("import takes one folder.");
        }

        var directory = positionals[0];
        if (!Directory.Exists(directory))
        {
            await context.Error.WriteLineAsync($"The folder {directory} does not exist.");
            return ExitCodes.InvalidInput;
        }

        var command = ImportFiles.FromDirectory(directory);
        if (command.Files.Count == 0)
        {
            await context.Error.WriteLineAsync($"Nothing to import: {directory} holds none of units, accounts, posts, reads (.csv or .xlsx).");
            return ExitCodes.InvalidInput;
        }

        // The import's progress and the follow-up's come from two tasks.
        var stderr = TextWriter.Synchronized(context.Error);
        var progress = new StderrProgress(stderr);
        ImportFiles.Result result;
        Task<EarlyFollowUp?> early;
        using (var importing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            early = context.HasFlag("--no-wait")
                ? Task.FromResult<EarlyFollowUp?>(null)
                : FollowUpOncePostsAreStoredAsync(context, stderr, importing.Token, cancellationToken);
            try
            {
                result = await context.Get<ImportFiles.Handler>().HandleAsync(command, UserScope.System with { UserName = "cli" }, progress, cancellationToken);
            }
            catch
            {
                // The follow-up already begun finishes its batch by batch work (each batch commits with its queue
                // entries) before the import's failure is reported.
                await importing.CancelAsync();
                await early;
                throw;
            }

            await importing.CancelAsync();
        }

        foreach (var file in result.Files.Where(f => f.Accepted))
        {
            var statusChanges = file.StatusChanges > 0
                ? string.Create(CultureInfo.InvariantCulture, $", {file.StatusChanges:N0} status changes")
                : string.Empty;
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{file.File,-14} {file.RowsRead,12:N0} rows: {file.Inserted:N0} new, {file.Updated:N0} updated, {file.Unchanged:N0} unchanged{statusChanges}"));
            foreach (var warning in file.RowWarnings)
            {
                await stderr.WriteLineAsync($"warning: {warning}");
            }

            if (file.OmittedWarnings > 0)
            {
                await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"warning: {file.File}: {file.OmittedWarnings:N0} more warnings not listed"));
            }
        }

        var started = await early;
        if (started is not null || result.Files.Any(f => f.Accepted && f.Kind == ImportKind.Posts))
        {
            await FollowUpAsync(context, stderr, started, cancellationToken);
        }

        if (result.Succeeded)
        {
            return ExitCodes.Success;
        }

        foreach (var problem in result.Problems)
        {
            await context.Error.WriteLineAsync(problem.ToString());
        }

        foreach (var file in result.Files.Where(f => !f.Accepted))
        {
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{file.File,-14} {file.RowsRead,12:N0} rows: REJECTED, nothing stored ({file.Errors.Count + file.OmittedErrors:N0} errors)"));
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{file.File}: {file.Errors.Count + file.OmittedErrors:N0} error(s); nothing from this file was stored."));
            foreach (var error in file.Errors)
            {
                await context.Error.WriteLineAsync(error.ToString());
            }

            if (file.OmittedErrors > 0)
            {
                await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{file.File}: … and {file.OmittedErrors:N0} more errors not listed."));
            }
        }

        return ExitCodes.InvalidInput;
    }

    /// <summary>The follow-up work begun while the import went on: since when, and what failed.</summary>
    private sealed record EarlyFollowUp(Stopwatch Watch, IReadOnlyList<string> Problems);

    /// <summary>
    /// Waits for the import to store posts (the engine's <see cref="FollowUpSignal"/>, as the app's worker does) and
    /// then drains the queues while the later files are imported; null when the import ended without storing posts.
    /// </summary>
    private static async Task<EarlyFollowUp?> FollowUpOncePostsAreStoredAsync(
        CommandContext context, TextWriter error, CancellationToken importing, CancellationToken cancellationToken)
    {
        try
        {
            await context.Get<FollowUpSignal>().WaitAsync(Timeout.InfiniteTimeSpan, importing);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        var work = context.Get<FollowUpWork>();
        var backlog = await work.BacklogAsync(cancellationToken);
        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"follow-up: {backlog.Fingerprints:N0} posts to fingerprint, {backlog.ContentChecks:N0} to check, beside the rest of the import (--no-wait leaves this to the app)"));
        var watch = Stopwatch.StartNew();
        return new EarlyFollowUp(watch, await work.DrainAsync(new StderrMessages(error), cancellationToken));
    }

    /// <summary>Drains the fingerprint and content-check queues (or says it leaves them to the app). Failures are warnings: the posts are stored and stay queued.</summary>
    private static async Task FollowUpAsync(CommandContext context, TextWriter error, EarlyFollowUp? early, CancellationToken cancellationToken)
    {
        var work = context.Get<FollowUpWork>();
        var backlog = await work.BacklogAsync(cancellationToken);
        if (context.HasFlag("--no-wait"))
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"follow-up left to the app: {backlog.Fingerprints:N0} posts queued for fingerprints, {backlog.ContentChecks:N0} for content checks"));
            return;
        }

        if (early is null)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"follow-up: {backlog.Fingerprints:N0} posts to fingerprint, {backlog.ContentChecks:N0} to check (--no-wait leaves this to the app)"));
        }

        // After an early start, what the files after the posts queued (none today: only posts are followed up) or
        // what a failing listener left.
        var watch = early?.Watch ?? Stopwatch.StartNew();
        var problems = (early?.Problems ?? []).Concat(await work.DrainAsync(new StderrMessages(error), cancellationToken)).Distinct(StringComparer.Ordinal);
        foreach (var problem in problems)
        {
            await error.WriteLineAsync($"warning: {problem}");
        }

        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"follow-up done in {watch.Elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>
    /// Progress for long files only: silent for a file's first two seconds, then a line at most every two seconds.
    /// Reports synchronously (Progress&lt;T&gt; would post to the thread pool and reorder lines).
    /// </summary>
    private sealed class StderrProgress(TextWriter error) : IProgress<ImportProgress>
    {
        private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);
        private readonly Stopwatch sinceFileStart = new();
        private readonly Stopwatch sinceLast = new();
        private string? file;
        private bool spoke;

        public void Report(ImportProgress value)
        {
            if (!string.Equals(file, value.File, StringComparison.Ordinal))
            {
                file = value.File;
                spoke = false;
                sinceFileStart.Restart();
                sinceLast.Restart();
            }

            var isPhaseChange = value.Phase != ImportPhase.Reading;
            if (sinceFileStart.Elapsed < Quiet || (value.Phase == ImportPhase.Done && !spoke) || (!isPhaseChange && sinceLast.Elapsed < Quiet))
            {
                return;
            }

            spoke = true;
            sinceLast.Restart();
            var share = value.FileBytes is > 0 && value.BytesRead is { } read ? $" ({100.0 * read / value.FileBytes.Value:0}%)" : string.Empty;
            var what = value.Phase switch
            {
                ImportPhase.Reading => $"{value.RowsRead:N0} rows read{share}",
                ImportPhase.Checking => $"{value.RowsRead:N0} rows read; checking keys and references",
                ImportPhase.Writing => "storing",
                ImportPhase.Done => "done",
                _ => value.Phase.ToString(),
            };
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{value.File}: {what}"));
        }
    }

    /// <summary>The follow-up work's progress lines, at most one every two seconds.</summary>
    private sealed class StderrMessages(TextWriter error) : IProgress<string>
    {
        private readonly Stopwatch sinceLast = Stopwatch.StartNew();

        public void Report(string value)
        {
            if (sinceLast.Elapsed >= TimeSpan.FromSeconds(2))
            {
                sinceLast.Restart();
                error.WriteLine(value);
            }
        }
    }
}
