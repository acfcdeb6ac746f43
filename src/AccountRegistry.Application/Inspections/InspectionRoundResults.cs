using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Inspections;

/// <summary>
/// A round's accounts with their verdicts: the indicators' verdict from the round's inspection, with the manual
/// findings added by <see cref="RoundScoring"/>. Paged in SQL by platform and account id.
/// </summary>
public static class InspectionRoundResults
{
    public sealed record Finding(long Id, ManualFindingKind Kind, ManualFindingItem Item, int Points, string Note, string FileName);

    public sealed record Row(
        int AccountId,
        Platform Platform,
        string PlatformAccountId,
        string Name,
        int? TownshipUnitId,
        int? IndicatorScore,
        IReadOnlyList<string> Vetoes,
        IReadOnlyList<Finding> Findings,
        InspectionResultKind? Result,
        int? Score);

    public sealed record Page(RoundState State, long? InspectionId, uint Version, PagedResult<Row> Rows);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts)
    {
        public async Task<Page> HandleAsync(long roundId, int page, int pageSize, UserScope scope, CancellationToken cancellationToken = default)
        {
            pageSize = Math.Clamp(pageSize, 1, 200);
            page = Math.Max(1, page);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var round = await InspectionRounds.LoadAsync(db, roundId, scope, null, cancellationToken);
            var drawn = db.InspectionRoundAccounts.AsNoTracking().Where(a => a.RoundId == roundId);
            var total = await drawn.CountAsync(cancellationToken);
            var rows = await drawn
                .Join(db.Accounts, d => d.AccountId, a => a.Id, (d, a) => new { d.TownshipUnitId, a.Id, a.Platform, a.PlatformAccountId, a.Name })
                .OrderBy(r => r.Platform).ThenBy(r => r.PlatformAccountId).ThenBy(r => r.Id)
                .Skip((page - 1) * pageSize).Take(pageSize)
                .Select(r => new
                {
                    r.Id,
                    r.Platform,
                    r.PlatformAccountId,
                    r.Name,
                    r.TownshipUnitId,
                    Verdict = db.InspectionResults
                        .Where(v => v.InspectionId == round.InspectionId && v.AccountId == r.Id)
                        .Select(v => new { v.Score, v.Vetoes })
                        .FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            var settings = await SettingsAsync(db, round.InspectionId, cancellationToken);
            var ids = rows.Select(r => r.Id).ToList();
            var findings = await db.InspectionRoundFindings.AsNoTracking()
                .Where(f => f.RoundId == roundId && ids.Contains(f.AccountId))
                .OrderBy(f => f.Id)
                .ToListAsync(cancellationToken);

            var result = rows.Select(r =>
            {
                var own = findings.Where(f => f.AccountId == r.Id).ToList();
                var combined = r.Verdict is null
                    ? ((InspectionResultKind, int)?)null
                    : RoundScoring.Combine(r.Verdict.Score, r.Verdict.Vetoes.Length > 0, own, settings);
                return new Row(r.Id, r.Platform, r.PlatformAccountId, r.Name, r.TownshipUnitId, r.Verdict?.Score, r.Verdict?.Vetoes ?? [],
                    [.. own.Select(f => new Finding(f.Id, f.Kind, f.Item, f.Points, f.Note, f.FileName))], combined?.Item1, combined?.Item2);
            }).ToList();
            return new Page(round.State, round.InspectionId, round.Version, new PagedResult<Row>(result, total, page, pageSize));
        }

        /// <summary>The pass and excellent scores the round's inspection ran with (its stored settings), not today's.</summary>
        internal static async Task<InspectionSettings> SettingsAsync(RegistryDbContext db, long? inspectionId, CancellationToken cancellationToken)
        {
            var json = inspectionId is null
                ? null
                : await db.Inspections.AsNoTracking().Where(i => i.Id == inspectionId).Select(i => i.Settings).FirstOrDefaultAsync(cancellationToken);
            if (json is null)
            {
                return InspectionSettings.Defaults;
            }

            using var document = System.Text.Json.JsonDocument.Parse(json);
            return InspectionSettings.FromNamedValues(document.RootElement.EnumerateObject()
                .Where(p => p.Value.ValueKind == System.Text.Json.JsonValueKind.Number && p.Value.TryGetInt32(out _))
                .Select(p => new KeyValuePair<string, int>(p.Name, p.Value.GetInt32())));
        }
    }
}
