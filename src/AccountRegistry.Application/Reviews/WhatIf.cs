using AccountRegistry.Application.Common;
using AccountRegistry.Application.Units;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Reviews;

/// <summary>
/// 假设分析 (what-if): how many accounts the rules would send to close, merge or leave alone, per unit level, under the
/// county's current thresholds next to an edited set ("what if stale meant 30 days instead of 14?"). Both runs are
/// the rules service's evaluation as of today, not stored. For leaders and reviewers; it decides nothing.
/// </summary>
public static class WhatIf
{
    public sealed record County(int UnitId, string Name);

    public sealed record Counts(int Close, int Merge, int None)
    {
        public int Total => Close + Merge + None;
    }

    public sealed record LevelLine(UnitLevel Level, Counts Current, Counts Proposed);

    public sealed record Result(County County, DateOnly AsOf, Thresholds Current, Thresholds Proposed, IReadOnlyList<LevelLine> Levels)
    {
        public Counts CurrentTotal => Sum(Levels.Select(l => l.Current));

        public Counts ProposedTotal => Sum(Levels.Select(l => l.Proposed));

        private static Counts Sum(IEnumerable<Counts> counts)
        {
            var list = counts.ToList();
            return new Counts(list.Sum(c => c.Close), list.Sum(c => c.Merge), list.Sum(c => c.None));
        }
    }

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, ThresholdsPreview.Handler preview)
    {
        /// <summary>The counties the user may compare: those in their scope, or the county their unit lies in.</summary>
        public async Task<IReadOnlyList<County>> CountiesAsync(UserScope scope, CancellationToken cancellationToken = default)
        {
            ReviewAccess.EnsureMayPreview(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await CountiesAsync(db, scope, cancellationToken);
        }

        /// <summary>The county's stored thresholds (the spec's defaults when it has none): the starting point of an edit.</summary>
        public async Task<Thresholds> CurrentThresholdsAsync(int countyUnitId, UserScope scope, CancellationToken cancellationToken = default)
        {
            ReviewAccess.EnsureMayPreview(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await EnsureCountyAsync(db, countyUnitId, scope, cancellationToken);
            return await StoredAsync(db, countyUnitId, cancellationToken);
        }

        public async Task<Result> HandleAsync(int countyUnitId, Thresholds proposed, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(proposed);
            ReviewAccess.EnsureMayPreview(scope);
            ThresholdsPreview.EnsureValid(proposed);

            County county;
            Thresholds current;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                county = await EnsureCountyAsync(db, countyUnitId, scope, cancellationToken);
                current = await StoredAsync(db, countyUnitId, cancellationToken);
            }

            var runs = await preview.HandleAsync(countyUnitId, proposed, scope.UserName, cancellationToken);
            var levels = Enum.GetValues<UnitLevel>()
                .Select(level => new LevelLine(level, Of(runs.Current, level), Of(runs.Proposed, level)))
                .Where(line => line.Current.Total > 0 || line.Proposed.Total > 0)
                .ToList();
            return new Result(county, runs.AsOf, current, proposed, levels);
        }

        private static Counts Of(RunEvaluation.Result result, UnitLevel level)
        {
            if (!result.ByLevel.TryGetValue(level, out var byRecommendation))
            {
                return new Counts(0, 0, 0);
            }

            int Get(Recommendation r) => byRecommendation.TryGetValue(r, out var n) ? n : 0;
            return new Counts(Get(Recommendation.Close), Get(Recommendation.Merge), Get(Recommendation.None));
        }

        private static async Task<Thresholds> StoredAsync(RegistryDbContext db, int countyUnitId, CancellationToken cancellationToken)
        {
            var stored = await db.RuleSettings.AsNoTracking().FirstOrDefaultAsync(s => s.UnitId == countyUnitId, cancellationToken);
            return stored?.ToThresholds() ?? Thresholds.Defaults;
        }

        private static async Task<County> EnsureCountyAsync(RegistryDbContext db, int countyUnitId, UserScope scope, CancellationToken cancellationToken) =>
            (await CountiesAsync(db, scope, cancellationToken)).FirstOrDefault(c => c.UnitId == countyUnitId)
            ?? throw new NotFoundOrForbiddenException($"County {countyUnitId} was not found.");

        private static async Task<IReadOnlyList<County>> CountiesAsync(RegistryDbContext db, UserScope scope, CancellationToken cancellationToken)
        {
            var counties = await db.Units.AsNoTracking().VisibleTo(scope)
                .Where(u => u.Level == UnitLevel.County)
                .OrderBy(u => u.Code)
                .Select(u => new County(u.Id, u.Name))
                .ToListAsync(cancellationToken);
            if (counties.Count > 0 || scope.UnitId is not { } unitId)
            {
                return counties;
            }

            // A user bound below the county (a township's reviewer) compares their county's figures.
            var countyId = await CountyHubs.CountyOfUnitAsync(db, unitId, cancellationToken);
            return countyId is null
                ? []
                : await db.Units.AsNoTracking().Where(u => u.Id == countyId).Select(u => new County(u.Id, u.Name)).ToListAsync(cancellationToken);
        }
    }
}
