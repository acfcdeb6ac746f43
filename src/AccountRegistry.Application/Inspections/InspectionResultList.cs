using System.Globalization;
using System.Runtime.CompilerServices;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Exports;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Inspections;

/// <summary>
/// 检查结果: one stored inspection's per-account verdicts (the latest unless one is chosen), in the reviewer's scope,
/// filtered by result, veto, unit subtree (the township) and platform, counted and paged in PostgreSQL; the same filter
/// exported as .xlsx for the report upward (通报).
/// </summary>
public static class InspectionResultList
{
    public const int MaxPageSize = 200;

    /// <summary>What selects the rows. The same filter drives the page, its count and the export.</summary>
    public sealed record Filter
    {
        /// <summary>The inspection to read; null: the latest (by check point, then by id).</summary>
        public long? InspectionId { get; init; }

        public InspectionResultKind? Result { get; init; }

        /// <summary>Only accounts this veto failed.</summary>
        public InspectionCode? Veto { get; init; }

        /// <summary>The unit's whole subtree (a township and its offices).</summary>
        public int? UnitId { get; init; }

        public Platform? Platform { get; init; }
    }

    public sealed record Query(Filter Filter, int Page = 1, int PageSize = 25);

    public sealed record InspectionSummary(long Id, DateOnly AsOf, DateTimeOffset StartedAt, int AccountCount, int Passed, int Failed, int Excellent);

    public sealed record Row(
        int AccountId,
        string Name,
        Platform Platform,
        string PlatformAccountId,
        string UnitName,
        InspectionResultKind Result,
        int Score,
        IReadOnlyList<InspectionCode> Vetoes,
        IReadOnlyList<(InspectionCode Code, int Points)> Deductions);

    /// <summary>The chosen inspection (null when none is stored or the chosen one does not exist) and the page.</summary>
    public sealed record Result(InspectionSummary? Inspection, PagedResult<Row> Page);

    /// <summary>The sheet's columns: Chinese for the reader, the spec's code for whoever processes it further.</summary>
    public static IReadOnlyList<string> Columns { get; } = ExportTexts.Columns(
        "Inspection", "Unit", "Platform", "AccountId", "Name", "Result", "Score", "Vetoes", "Deductions", "AsOf");

    /// <summary>A row as PostgreSQL returns it; init properties (not a constructor) so that EF Core can order by them.</summary>
    private sealed class Record
    {
        public int AccountId { get; init; }

        public string Name { get; init; } = string.Empty;

        public Platform Platform { get; init; }

        public string PlatformAccountId { get; init; } = string.Empty;

        public string UnitName { get; init; } = string.Empty;

        public string Result { get; init; } = string.Empty;

        public int Score { get; init; }

        public string[] Vetoes { get; init; } = [];

        public string Deductions { get; init; } = "[]";
    }

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts)
    {
        /// <summary>The stored inspections, newest first, for the page's chooser.</summary>
        public async Task<IReadOnlyList<InspectionSummary>> RecentAsync(UserScope scope, int limit = 50, CancellationToken cancellationToken = default)
        {
            ReviewAccess.EnsureMayReview(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.Inspections.AsNoTracking()
                .OrderByDescending(i => i.AsOf).ThenByDescending(i => i.Id)
                .Take(Math.Clamp(limit, 1, 200))
                .Select(i => new InspectionSummary(i.Id, i.AsOf, i.StartedAt, i.AccountCount, i.Passed, i.Failed, i.Excellent))
                .ToListAsync(cancellationToken);
        }

        public async Task<Result> HandleAsync(Query query, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(query);
            ReviewAccess.EnsureMayReview(scope);
            var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
            var page = Math.Max(1, query.Page);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var inspection = await ChooseAsync(db, query.Filter.InspectionId, cancellationToken);
            if (inspection is null)
            {
                return new Result(null, new PagedResult<Row>([], 0, page, pageSize));
            }

            var rows = Select(db, inspection.Id, query.Filter, scope);
            var total = await rows.CountAsync(cancellationToken);
            var records = await Ordered(rows).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
            return new Result(inspection, new PagedResult<Row>([.. records.Select(ToRow)], total, page, pageSize));
        }

        /// <summary>Every row of the filter in the scope, worst first; streamed from PostgreSQL.</summary>
        public async IAsyncEnumerable<Row> StreamAsync(Filter filter, UserScope scope, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(filter);
            ReviewAccess.EnsureMayReview(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var inspection = await ChooseAsync(db, filter.InspectionId, cancellationToken);
            if (inspection is null)
            {
                yield break;
            }

            await foreach (var record in Ordered(Select(db, inspection.Id, filter, scope)).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                yield return ToRow(record);
            }
        }

        /// <summary>Writes the .xlsx to <paramref name="output"/>; returns the number of accounts in it.</summary>
        public async Task<int> WriteXlsxAsync(Filter filter, UserScope scope, Stream output, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(output);
            ArgumentNullException.ThrowIfNull(filter);
            ReviewAccess.EnsureMayReview(scope);
            DateOnly? asOf;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                asOf = (await ChooseAsync(db, filter.InspectionId, cancellationToken))?.AsOf;
            }

            var day = asOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var cells = StreamAsync(filter, scope, cancellationToken).Select(row => new object?[]
            {
                row.UnitName,
                row.Platform.ToCode(),
                row.PlatformAccountId,
                row.Name,
                row.Result.ToCode(),
                row.Score.ToString(CultureInfo.InvariantCulture),
                string.Join(", ", row.Vetoes.Select(v => v.ToCode())),
                string.Join(", ", row.Deductions.Select(d => $"{d.Code.ToCode()} -{d.Points}")),
                day,
            });
            return await XlsxTable.WriteAsync(output, ExportTexts.Text("Inspection.Sheet"), Columns, cells, cancellationToken);
        }

        private static Task<InspectionSummary?> ChooseAsync(RegistryDbContext db, long? inspectionId, CancellationToken cancellationToken)
        {
            var inspections = db.Inspections.AsNoTracking();
            if (inspectionId is { } id)
            {
                inspections = inspections.Where(i => i.Id == id);
            }

            return inspections
                .OrderByDescending(i => i.AsOf).ThenByDescending(i => i.Id)
                .Select(i => new InspectionSummary(i.Id, i.AsOf, i.StartedAt, i.AccountCount, i.Passed, i.Failed, i.Excellent))
                .FirstOrDefaultAsync(cancellationToken);
        }

        private static IQueryable<Record> Select(RegistryDbContext db, long inspectionId, Filter filter, UserScope scope)
        {
            var accounts = db.Accounts.AsNoTracking().VisibleTo(scope);
            if (filter.UnitId is { } unitId)
            {
                // A unit outside the scope selects nothing rather than widening the scope.
                var unitPath = db.Units.VisibleTo(scope).Where(u => u.Id == unitId).Select(u => u.Path);
                accounts = accounts.Where(a => unitPath.Any(p => a.Unit!.Path.StartsWith(p)));
            }

            if (filter.Platform is { } platform)
            {
                accounts = accounts.Where(a => a.Platform == platform);
            }

            var results = db.InspectionResults.AsNoTracking().Where(r => r.InspectionId == inspectionId);
            if (filter.Result is { } result)
            {
                var code = result.ToCode();
                results = results.Where(r => r.Result == code);
            }

            if (filter.Veto is { } veto)
            {
                var code = veto.ToCode();
                results = results.Where(r => r.Vetoes.Contains(code));
            }

            return from r in results
                   join a in accounts on r.AccountId equals a.Id
                   select new Record
                   {
                       AccountId = a.Id,
                       Name = a.Name,
                       Platform = a.Platform,
                       PlatformAccountId = a.PlatformAccountId,
                       UnitName = a.Unit!.Name,
                       Result = r.Result,
                       Score = r.Score,
                       Vetoes = r.Vetoes,
                       Deductions = r.Deductions,
                   };
        }

        /// <summary>Worst first: the lowest score, then by platform and account id (stable across pages).</summary>
        private static IQueryable<Record> Ordered(IQueryable<Record> rows) =>
            rows.OrderBy(r => r.Score).ThenBy(r => r.Platform).ThenBy(r => r.PlatformAccountId).ThenBy(r => r.AccountId);

        private static Row ToRow(Record record) => new(
            record.AccountId,
            record.Name,
            record.Platform,
            record.PlatformAccountId,
            record.UnitName,
            InspectionCodes.ParseResult(record.Result),
            record.Score,
            [.. record.Vetoes.Select(InspectionCodes.Parse)],
            ReadDeductions(record.Deductions));

        private static List<(InspectionCode, int)> ReadDeductions(string json)
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return [.. document.RootElement.EnumerateArray()
                .Select(d => (InspectionCodes.Parse(d.GetProperty("code").GetString()!), d.GetProperty("points").GetInt32()))];
        }
    }
}
