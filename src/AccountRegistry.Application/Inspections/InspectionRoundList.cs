using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Inspections;

/// <summary>检查轮次: the rounds whose units all lie in the user's scope, newest first, paged in SQL.</summary>
public static class InspectionRoundList
{
    public sealed record Row(long Id, string Title, DateOnly AsOf, RoundScope Scope, RoundSampling Sampling, decimal? Share, long Seed, RoundState State, int Accounts, string OpenedBy, DateTimeOffset OpenedAt, DateTimeOffset? PublishedAt);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts)
    {
        public async Task<PagedResult<Row>> HandleAsync(int page, int pageSize, UserScope scope, CancellationToken cancellationToken = default)
        {
            var publishedOnly = InspectionRounds.ReadsPublishedOnly(scope);
            pageSize = Math.Clamp(pageSize, 1, 200);
            page = Math.Max(1, page);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var units = db.Units.AsNoTracking().VisibleTo(scope);
            var rounds = db.InspectionRounds.AsNoTracking().Where(r => units.Count(u => r.UnitIds.Contains(u.Id)) == r.UnitIds.Length
                && (!publishedOnly || r.State == RoundState.Published));
            var total = await rounds.CountAsync(cancellationToken);
            var rows = await rounds
                .OrderByDescending(r => r.OpenedAt).ThenByDescending(r => r.Id)
                .Skip((page - 1) * pageSize).Take(pageSize)
                .Select(r => new Row(r.Id, r.Title, r.AsOf, r.Scope, r.Sampling, r.SampleShare, r.Seed, r.State,
                    db.InspectionRoundAccounts.Count(a => a.RoundId == r.Id), r.OpenedBy, r.OpenedAt, r.PublishedAt))
                .ToListAsync(cancellationToken);
            return new PagedResult<Row>(rows, total, page, pageSize);
        }

        /// <summary>One round's header (title, check point, scope, seed, state), or "not found" outside the user's scope.</summary>
        public async Task<(InspectionRound Round, IReadOnlyList<string> UnitNames)> GetAsync(long roundId, UserScope scope, CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var round = await InspectionRounds.LoadAsync(db, roundId, scope, null, cancellationToken);
            var names = await db.Units.AsNoTracking().Where(u => round.UnitIds.Contains(u.Id)).OrderBy(u => u.Id).Select(u => u.Name).ToListAsync(cancellationToken);
            return (round, names);
        }
    }
}
