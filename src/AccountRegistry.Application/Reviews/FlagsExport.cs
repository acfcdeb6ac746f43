using System.Globalization;
using System.Runtime.CompilerServices;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Exports;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Reviews;

/// <summary>
/// The sheet a district sends to the city (`registry export flags`, and 导出 on the queue with its filter): one row
/// per flagged account with its unit path, platform, rules, the evidence in words, the recommendation, and the
/// decision with who made it and when.
/// </summary>
public static class FlagsExport
{
    public sealed record Row(
        int AccountId,
        IReadOnlyList<string> UnitPath,
        UnitLevel UnitLevel,
        Platform Platform,
        string PlatformAccountId,
        string Name,
        IReadOnlyList<RuleCode> Rules,
        string Evidence,
        Recommendation Recommendation,
        string? MergeTargetName,
        bool Pending,
        DateTimeOffset FlaggedSince,
        DecisionKind? Decision,
        RetainReason? RetainReason,
        string? DecisionReason,
        string? DecidedBy,
        DateTimeOffset? DecidedAt);

    /// <summary>The sheet's columns: Chinese for the reader, the English code for whoever processes it further.</summary>
    public static IReadOnlyList<string> Columns { get; } = ExportTexts.Columns(
        "Flags", "UnitPath", "UnitLevel", "Platform", "AccountId", "Name", "Rules", "RuleNames", "Evidence", "Recommendation", "MergeTarget",
        "State", "Decision", "DecisionReason", "DecidedBy", "DecidedAt", "FlaggedSince");

    private sealed record ExportRecord(
        int AccountId,
        string[] UnitPathNames,
        string UnitLevel,
        string Platform,
        string PlatformAccountId,
        string Name,
        string[] Rules,
        string? Evidence,
        string? Recommendation,
        string? MergeTargetName,
        bool Pending,
        DateTimeOffset FlaggedSince,
        string? Decision,
        string? RetainReason,
        string? DecisionReason,
        string? DecidedBy,
        DateTimeOffset? DecidedAt);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock)
    {
        /// <summary>Every row of the filter in the scope, by unit, platform and account id; streamed from PostgreSQL.</summary>
        public async IAsyncEnumerable<Row> StreamAsync(
            ReviewQueue.Filter filter,
            UserScope scope,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(filter);
            ReviewAccess.EnsureMayReview(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var sql = await QueueSql.BuildAsync(db, filter, scope, clock.GetUtcNow(), cancellationToken);
            var text = $"""
                WITH {sql.Ctes}
                SELECT q.account_id AS "AccountId",
                       COALESCE({QueueSql.UnitPathNamesExpression("q")}, ARRAY[]::text[]) AS "UnitPathNames",
                       q.unit_level AS "UnitLevel", q.platform AS "Platform", q.platform_account_id AS "PlatformAccountId", q.name AS "Name",
                       q.rules AS "Rules",
                       (SELECT string_agg(COALESCE(x.evidence->>'text', x.rule), '；' ORDER BY x.rule COLLATE "C")
                        FROM flags_current x WHERE x.account_id = q.account_id AND x.status = 'open') AS "Evidence",
                       q.recommendation AS "Recommendation", mt.name AS "MergeTargetName", q.pending AS "Pending",
                       q.flagged_since AS "FlaggedSince",
                       sd.kind::text AS "Decision", sd.retain_reason::text AS "RetainReason", sd.reason::text AS "DecisionReason",
                       sd.decided_by::text AS "DecidedBy", sd.decided_at AS "DecidedAt"
                FROM queue q
                LEFT JOIN accounts mt ON mt.id = q.merge_target_account_id
                LEFT JOIN review_decisions sd ON sd.id = q.standing_decision_id
                WHERE {sql.RecommendationCondition}
                ORDER BY q.unit_path COLLATE "C", q.platform COLLATE "C", q.platform_account_id COLLATE "C"
                """;
            await foreach (var record in db.Database.SqlQueryRaw<ExportRecord>(text, sql.Parameters()).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                yield return new Row(
                    record.AccountId,
                    record.UnitPathNames,
                    UnitLevels.Parse(record.UnitLevel),
                    Platforms.Parse(record.Platform),
                    record.PlatformAccountId,
                    record.Name,
                    record.Rules.Select(RuleCodes.Parse).ToList(),
                    record.Evidence ?? string.Empty,
                    record.Recommendation is null ? Recommendation.None : Recommendations.Parse(record.Recommendation),
                    record.MergeTargetName,
                    record.Pending,
                    record.FlaggedSince,
                    record.Decision is null ? null : DecisionKinds.Parse(record.Decision),
                    record.RetainReason is null ? null : RetainReasons.Parse(record.RetainReason),
                    record.DecisionReason,
                    record.DecidedBy,
                    record.DecidedAt);
            }
        }

        /// <summary>Writes the .xlsx to <paramref name="output"/>; returns the number of accounts in it.</summary>
        public Task<int> WriteXlsxAsync(ReviewQueue.Filter filter, UserScope scope, Stream output, CancellationToken cancellationToken = default) =>
            XlsxTable.WriteAsync(output, ExportTexts.Text("Flags.Sheet"), Columns, StreamAsync(filter, scope, cancellationToken).Select(ToCells), cancellationToken);
    }

    /// <summary>One account's cells, in the order of <see cref="Columns"/>.</summary>
    public static object?[] ToCells(Row row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new object?[]
        {
            string.Join(" / ", row.UnitPath),
            row.UnitLevel.ToCode(),
            row.Platform.ToCode(),
            row.PlatformAccountId,
            row.Name,
            string.Join(", ", row.Rules.Select(r => r.ToCode())),
            string.Join("、", row.Rules.Select(r => Rules.RuleTexts.RuleName(r, Rules.RuleTexts.StoredCulture))),
            row.Evidence,
            row.Recommendation.ToCode(),
            row.MergeTargetName,
            row.Pending ? "pending" : "decided",
            row.Decision?.ToCode(),
            string.Join(": ", new[] { row.RetainReason?.ToCode(), row.DecisionReason }.Where(s => !string.IsNullOrEmpty(s))),
            row.DecidedBy,
            row.DecidedAt is { } at ? at.ToOffset(ShanghaiCalendar.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : null,
            row.FlaggedSince.ToOffset(ShanghaiCalendar.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        };
    }
}
