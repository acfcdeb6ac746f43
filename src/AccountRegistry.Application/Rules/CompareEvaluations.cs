using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Rules;

/// <summary>
/// 评估对比: between two runs, which (account, rule) pairs newly fired and which stopped firing. An account evaluated
/// in only one of the runs counts as firing nothing in the other. Computed in SQL by unnesting both runs' rules.
/// </summary>
public static class CompareEvaluations
{
    public enum Change
    {
        NewlyFired,
        StoppedFiring,
    }

    public sealed record Query(long FromEvaluationId, long ToEvaluationId)
    {
        public RuleCode? Rule { get; init; }

        public Change? Kind { get; init; }

        public int Page { get; init; } = 1;

        public int PageSize { get; init; } = 50;
    }

    public sealed record RuleSummary(RuleCode Rule, int NewlyFired, int StoppedFiring);

    public sealed record Row(int AccountId, Platform Platform, string PlatformAccountId, string AccountName, RuleCode Rule, Change Change);

    public sealed record Result(IReadOnlyList<RuleSummary> ByRule, PagedResult<Row> Changes);

    private sealed record Pair(int AccountId, string Rule, bool InFrom, bool InTo);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts)
    {
        public async Task<Result> HandleAsync(Query query, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(query);
            ArgumentNullException.ThrowIfNull(scope);
            var pageSize = Math.Clamp(query.PageSize, 1, 200);
            var page = Math.Max(1, query.Page);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            foreach (var id in new[] { query.FromEvaluationId, query.ToEvaluationId })
            {
                if (!await db.Evaluations.AnyAsync(e => e.Id == id, cancellationToken))
                {
                    throw new NotFoundOrForbiddenException($"Evaluation {id} was not found.");
                }
            }

            var pairs = db.Database.SqlQuery<Pair>(
                $"""
                SELECT COALESCE(f.account_id, t.account_id) AS "AccountId", COALESCE(f.rule, t.rule) AS "Rule",
                       f.rule IS NOT NULL AS "InFrom", t.rule IS NOT NULL AS "InTo"
                FROM (SELECT account_id, unnest(rules) AS rule FROM evaluation_results WHERE evaluation_id = {query.FromEvaluationId}) f
                FULL JOIN (SELECT account_id, unnest(rules) AS rule FROM evaluation_results WHERE evaluation_id = {query.ToEvaluationId}) t
                  ON t.account_id = f.account_id AND t.rule = f.rule
                WHERE f.rule IS NULL OR t.rule IS NULL
                """);
            var visible = db.Accounts.AsNoTracking().VisibleTo(scope);
            var changes = from p in pairs
                          join a in visible on p.AccountId equals a.Id
                          select new { p, a };

            var summary = await changes
                .GroupBy(c => c.p.Rule)
                .Select(g => new { Rule = g.Key, Newly = g.Count(c => c.p.InTo), Stopped = g.Count(c => c.p.InFrom) })
                .ToListAsync(cancellationToken);
            var byRule = Enum.GetValues<RuleCode>()
                .OrderBy(r => r.ToCode(), StringComparer.Ordinal)
                .Select(r => summary.FirstOrDefault(s => s.Rule == r.ToCode()) is { } s
                    ? new RuleSummary(r, s.Newly, s.Stopped)
                    : new RuleSummary(r, 0, 0))
                .ToList();

            if (query.Rule is { } rule)
            {
                var code = rule.ToCode();
                changes = changes.Where(c => c.p.Rule == code);
            }

            if (query.Kind is { } kind)
            {
                var newly = kind == Change.NewlyFired;
                changes = changes.Where(c => c.p.InTo == newly);
            }

            var total = await changes.CountAsync(cancellationToken);
            var rows = await changes
                .OrderBy(c => c.p.Rule).ThenBy(c => c.p.InTo).ThenBy(c => c.a.Name).ThenBy(c => c.a.Id)
                .Skip((page - 1) * pageSize).Take(pageSize)
                .Select(c => new { c.a.Id, c.a.Platform, c.a.PlatformAccountId, c.a.Name, c.p.Rule, c.p.InTo })
                .ToListAsync(cancellationToken);
            return new Result(
                byRule,
                new PagedResult<Row>(
                    rows.Select(r => new Row(r.Id, r.Platform, r.PlatformAccountId, r.Name, RuleCodes.Parse(r.Rule), r.InTo ? Change.NewlyFired : Change.StoppedFiring)).ToList(),
                    total,
                    page,
                    pageSize));
        }
    }
}
