using AccountRegistry.Application.Audit;
using AccountRegistry.Application.Imports.Reading;
using AccountRegistry.Application.Imports.Targets;
using AccountRegistry.Domain.Common;
using AccountRegistry.Infrastructure;
using AccountRegistry.Infrastructure.Bulk;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AccountRegistry.Application.Imports;

/// <summary>
/// Imports one file or batch: stream the rows through the field checks into a staging table by binary COPY, run
/// the cross-row and reference checks in SQL, then one set-based upsert, all in one transaction. A single invalid
/// row rolls the whole file back. One audit line per file, whether it was stored or rejected.
/// </summary>
public sealed class ImportEngine(
    RegistryConnection connection,
    IDbContextFactory<RegistryDbContext> contexts,
    TimeProvider clock,
    FollowUpSignal followUp,
    ILogger<ImportEngine> logger)
{
    private const int ProgressEvery = 25_000;

    /// <summary>Warnings listed per file; more are counted (a collector that resets every counter would list them all).</summary>
    private const int MaxWarningsListed = 1_000;

    internal async Task<FileImportResult> ImportFileAsync(
        string path, string label, ImportKind kind, ImportFileFormat format, string actor, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        using IRecordSource source = format == ImportFileFormat.Csv ? new CsvFileSource(stream, kind) : new XlsxFileSource(stream, kind);

        // The files of spec/interchange.md: a time after the server's clock is a warning, not an invalid row.
        return await ImportAsync(source, label, kind, actor, progress, cancellationToken, futureIsWarning: true);
    }

    /// <param name="futureIsWarning">
    /// Store rows dated after the server's clock with a warning (files) instead of refusing them (the collector API,
    /// whose collectors read what is already published).
    /// </param>
    internal async Task<FileImportResult> ImportAsync(
        IRecordSource source, string label, ImportKind kind, string actor, IProgress<ImportProgress>? progress, CancellationToken cancellationToken,
        bool futureIsWarning = false)
    {
        ArgumentNullException.ThrowIfNull(source);
        var target = ImportTarget.For(kind);
        var errors = new ImportErrorList(label, target.Columns);
        var warnings = new ImportErrorList(label, target.Columns, MaxWarningsListed);
        var now = clock.GetUtcNow();
        var context = new ImportContext(actor, now, ShanghaiCalendar.DayOf(now), label);
        progress?.Report(new ImportProgress(label, kind, 0, ImportPhase.Reading, source.TotalBytes, 0));

        if (!source.Open(errors))
        {
            return await RejectAsync(label, kind, 0, errors, actor, progress, cancellationToken);
        }

        target.AbsentColumns = source.AbsentColumns;
        long rows = 0;
        await using (var session = await BulkSession.BeginAsync(connection.ConnectionString, cancellationToken: cancellationToken))
        {
            await target.CreateStagingAsync(session, cancellationToken);
            var row = new FieldReader(errors, target.Columns, now, futureIsWarning ? warnings : null);
            await using (var copy = target.BeginCopy(session))
            {
                foreach (var record in source.Records(errors))
                {
                    rows++;
                    row.Begin(record);
                    target.TryStage(row, copy);
                    if (rows % ProgressEvery == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        progress?.Report(new ImportProgress(label, kind, rows, ImportPhase.Reading, source.TotalBytes, source.BytesRead));
                    }
                }

                await copy.CompleteAsync(cancellationToken);
            }

            progress?.Report(new ImportProgress(label, kind, rows, ImportPhase.Checking, source.TotalBytes, source.TotalBytes));
            await session.AnalyzeAsync(ImportTarget.Stage, cancellationToken);
            await target.CheckAsync(session, errors, cancellationToken);
            if (errors.Count > 0)
            {
                await session.RollbackAsync(cancellationToken);
                return await RejectAsync(label, kind, rows, errors, actor, progress, cancellationToken);
            }

            progress?.Report(new ImportProgress(label, kind, rows, ImportPhase.Writing, source.TotalBytes, source.TotalBytes));
            var outcome = await target.UpsertAsync(session, context, cancellationToken);
            await target.CheckAfterUpsertAsync(session, errors, cancellationToken);
            if (errors.Count > 0)
            {
                await session.RollbackAsync(cancellationToken);
                return await RejectAsync(label, kind, rows, errors, actor, progress, cancellationToken);
            }

            await target.WarnAsync(session, warnings, cancellationToken);
            var unchanged = rows - outcome.Inserted - outcome.Updated;
            await using (var db = await ContextOnAsync(session, cancellationToken))
            {
                await target.FinishAsync(db, cancellationToken);
                AuditLog.Append(db, now, actor, "import.completed", "import", Truncate(label, 128), summary:
                    $"{label}: {rows} rows, {outcome.Inserted} new, {outcome.Updated} updated, {unchanged} unchanged",
                    details: new
                    {
                        file = label,
                        kind = kind.FileStem(),
                        rows,
                        inserted = outcome.Inserted,
                        updated = outcome.Updated,
                        unchanged,
                        status_changes = outcome.StatusChanges,
                        warnings = warnings.Count,
                    });
                await db.SaveChangesAsync(cancellationToken);
            }

            await session.CommitAsync(cancellationToken);
            logger.LogInformation("Imported {File}: {Rows} rows, {Inserted} new, {Updated} updated", label, rows, outcome.Inserted, outcome.Updated);
            progress?.Report(new ImportProgress(label, kind, rows, ImportPhase.Done, source.TotalBytes, source.TotalBytes));
            if (kind == ImportKind.Posts)
            {
                // The triggers queued the posts for fingerprints and content checks in this transaction; the
                // background worker (FollowUpWorker) drains them, so the caller has its answer now.
                followUp.Nudge();
            }

            return new FileImportResult(label, kind, rows, outcome.Inserted, outcome.Updated, unchanged, [], outcome.StatusChanges)
            {
                RowWarnings = warnings.Sorted(),
                OmittedWarnings = warnings.Omitted,
            };
        }
    }

    private async Task<FileImportResult> RejectAsync(
        string label, ImportKind kind, long rows, ImportErrorList errors, string actor, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var result = FileImportResult.Rejected(label, kind, rows, errors);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            AuditLog.Append(db, clock.GetUtcNow(), actor, "import.rejected", "import", Truncate(label, 128),
                summary: $"{label}: rejected, {errors.Count} invalid row(s); nothing stored",
                details: new
                {
                    file = label,
                    kind = kind.FileStem(),
                    rows,
                    errors = errors.Count,
                    first_errors = result.Errors.Take(20).Select(e => new { line = e.Line, column = e.Column, code = e.Code.ToString(), reason = e.Reason }),
                });
            await db.SaveChangesAsync(cancellationToken);
        }

        logger.LogWarning("Rejected {File}: {Errors} invalid row(s)", label, errors.Count);
        progress?.Report(new ImportProgress(label, kind, rows, ImportPhase.Done));
        return result;
    }

    /// <summary>An EF Core context on the session's connection and transaction (no retrying strategy: it cannot retry a user transaction).</summary>
    private static async Task<RegistryDbContext> ContextOnAsync(BulkSession session, CancellationToken cancellationToken)
    {
        var options = new DbContextOptionsBuilder<RegistryDbContext>()
            .UseNpgsql(session.Connection, npgsql => npgsql.MigrationsHistoryTable(RegistryDbContextOptions.HistoryTable))
            .Options;
        var db = new RegistryDbContext(options);
        await db.Database.UseTransactionAsync(session.Transaction, cancellationToken);
        return db;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
