using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Rules;

/// <summary>评估记录: the stored runs, newest first, with how many accounts each recommended closing or merging.</summary>
public static class EvaluationList
{
    public sealed record Row(
        long Id,
        DateOnly AsOf,
        DateTimeOffset StartedAt,
        TimeSpan Duration,
        int AccountCount,
        string TriggeredBy,
        bool UpdatedFlags,
        int Close,
        int Merge);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts)
    {
        public async Task<PagedResult<Row>> HandleAsync(int page, int pageSize, CancellationToken cancellationToken = default)
        {
            pageSize = Math.Clamp(pageSize, 1, 100);
            page = Math.Max(1, page);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var total = await db.Evaluations.CountAsync(cancellationToken);
            var rows = await Project(db, db.Evaluations.AsNoTracking()
                .OrderByDescending(e => e.StartedAt).ThenByDescending(e => e.Id)
                .Skip((page - 1) * pageSize).Take(pageSize))
                .ToListAsync(cancellationToken);
            return new PagedResult<Row>(rows, total, page, pageSize);
        }

        public async Task<Row?> GetAsync(long evaluationId, CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await Project(db, db.Evaluations.AsNoTracking().Where(e => e.Id == evaluationId)).FirstOrDefaultAsync(cancellationToken);
        }

        private static IQueryable<Row> Project(RegistryDbContext db, IQueryable<Evaluation> evaluations) =>
            evaluations.Select(e => new Row(
                    e.Id,
                    e.AsOf,
                    e.StartedAt,
                    e.Duration,
                    e.AccountCount,
                    e.TriggeredBy,
                    e.UpdatedFlags,
                    db.EvaluationResults.Count(r => r.EvaluationId == e.Id && r.Recommendation == Recommendation.Close),
                    db.EvaluationResults.Count(r => r.EvaluationId == e.Id && r.Recommendation == Recommendation.Merge)));
    }
}
