using System.Diagnostics;
using System.Globalization;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Imports;

namespace AccountRegistry.Cli.Commands;

/// <summary>
/// `registry import DIR [--no-wait]`: imports units, accounts, posts, reads (.csv or .xlsx) found in DIR, in that order.
/// Then it does the follow-up work (fingerprints, content checks) itself, printing its progress, because a person at
/// a terminal expects "done" to mean done; with --no-wait it leaves that to the app's background worker.
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

        var progress = new StderrProgress(context.Error);
        var result = await context.Get<ImportFiles.Handler>().HandleAsync(command, UserScope.System with { UserName = "cli" }, progress, cancellationToken);

        foreach (var file in result.Files.Where(f => f.Accepted))
        {
            var statusChanges = file.StatusChanges > 0
                ? string.Create(CultureInfo.InvariantCulture, $", {file.StatusChanges:N0} status changes")
                : string.Empty;
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{file.File,-14} {file.RowsRead,12:N0} rows: {file.Inserted:N0} new, {file.Updated:N0} updated, {file.Unchanged:N0} unchanged{statusChanges}"));
            foreach (var warning in file.RowWarnings)
            {
                await context.Error.WriteLineAsync($"warning: {warning}");
            }

            if (file.OmittedWarnings > 0)
            {
                await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"warning: {file.File}: {file.OmittedWarnings:N0} more warnings not listed"));
            }
        }

        if (result.Files.Any(f => f.Accepted && f.Kind == ImportKind.Posts))
        {
            await FollowUpAsync(context, cancellationToken);
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

    /// <summary>Drains the fingerprint and content-check queues (or says it leaves them to the app). Failures are warnings: the posts are stored and stay queued.</summary>
    private static async Task FollowUpAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var work = context.Get<FollowUpWork>();
        var backlog = await work.BacklogAsync(cancellationToken);
        if (context.HasFlag("--no-wait"))
        {
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"follow-up left to the app: {backlog.Fingerprints:N0} posts queued for fingerprints, {backlog.ContentChecks:N0} for content checks"));
            return;
        }

        await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"follow-up: {backlog.Fingerprints:N0} posts to fingerprint, {backlog.ContentChecks:N0} to check (--no-wait leaves this to the app)"));
        var watch = Stopwatch.StartNew();
        foreach (var problem in await work.DrainAsync(new StderrMessages(context.Error), cancellationToken))
        {
            await context.Error.WriteLineAsync($"warning: {problem}");
        }

        await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"follow-up done in {watch.Elapsed.TotalSeconds:0.0} s"));
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
