using System.Data.Common;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AccountRegistry.Application.Inspections;

/// <summary>
/// 通报: the figures of a published round, computed in SQL from its stored results (the round's inspection and its
/// manual findings, combined as <see cref="RoundScoring"/> does): 1) the filing register and the pass rates by
/// platform and owner unit level, 2) the accounts named under each problem, 3) the rectification deadline in working
/// days after publishing and the re-check of the previous published round's failures over the same units.
/// </summary>
public static class InspectionRoundReport
{
    /// <summary>Working days the units have to rectify, unless the reviewer says otherwise.</summary>
    public const int DefaultWorkingDays = 10;

    public sealed record LevelRow(UnitLevel Level, int Filed, int Checked, int Passed);

    public sealed record PlatformTable(Platform Platform, IReadOnlyList<LevelRow> Levels)
    {
        public int Filed => Levels.Sum(l => l.Filed);

        public int Checked => Levels.Sum(l => l.Checked);

        public int Passed => Levels.Sum(l => l.Passed);
    }

    public sealed record NamedAccount(int AccountId, Platform Platform, string Name, string UnitName, string? Note);

    /// <summary>One problem: an indicator's veto or deduction (<see cref="InspectionCode"/>), or a manual finding's item.</summary>
    public sealed record Problem(ProblemSource Source, string Code, IReadOnlyList<NamedAccount> Accounts);

    /// <summary>
    /// One failure of the previous round, re-checked: its outcome, and the state of its rectification task (null when
    /// the previous round has none for it).
    /// </summary>
    public sealed record Recheck(int AccountId, Platform Platform, string Name, string UnitName, RecheckOutcome Outcome, RectificationState? Task)
    {
        /// <summary>整改到位: only this outcome counts as rectified.</summary>
        public bool Fixed => Outcome == RecheckOutcome.Fixed;
    }

    /// <summary>
    /// The figures of the 通报; <paramref name="Units"/>: the owner units of the checked accounts;
    /// <paramref name="Template"/>: the county's wording as it stood at publishing (null: the default wording).
    /// </summary>
    public sealed record Report(
        long RoundId,
        string Title,
        DateOnly AsOf,
        DateOnly PublishedOn,
        int WorkingDays,
        DateOnly Deadline,
        IReadOnlyList<PlatformTable> Platforms,
        IReadOnlyList<Problem> Problems,
        long? PreviousRoundId,
        string? PreviousTitle,
        IReadOnlyList<Recheck> Rechecks,
        int Units,
        ReportTemplateText? Template)
    {
        public int Filed => Platforms.Sum(p => p.Filed);

        public int Checked => Platforms.Sum(p => p.Checked);

        public int Passed => Platforms.Sum(p => p.Passed);
    }

    /// <summary>
    /// 复核: what became of an account that failed the previous round. Two facts decide it: whether its rectification
    /// task was accepted (the unit reported the fix and the reviewer accepted the evidence), and whether any of the
    /// problems it was named for then (indicator codes, manual items) is found again in this round. See
    /// docs/inspection-rounds.md, "The re-check".
    /// </summary>
    public enum RecheckOutcome
    {
        /// <summary>未整改: not accepted, and either found again or not checked in this round.</summary>
        NotFixed,

        /// <summary>整改不实: accepted, yet this round finds one of the same problems again.</summary>
        Recurred,

        /// <summary>问题已消除，整改未验收: this round no longer finds the problems, but the task was not accepted.</summary>
        Unconfirmed,

        /// <summary>整改到位: accepted, and this round does not find the same problems (or did not draw the account).</summary>
        Fixed,
    }

    public enum ProblemSource
    {
        Veto,
        Deduction,
        ManualVeto,
        ManualDeduction,
    }

    private const string FiguresSql =
        """
        SELECT a.platform, u.level,
               count(*) FILTER (WHERE a.status = 'active' AND coalesce(a.filing_no, '') <> '') AS filed,
               count(v.account_id) AS checked,
               count(*) FILTER (WHERE v.passed) AS passed
        FROM accounts a
        JOIN units u ON u.id = a.unit_id
        LEFT JOIN cur v ON v.account_id = a.id
        WHERE EXISTS (SELECT 1 FROM units s WHERE s.id = ANY(@units) AND starts_with(u.path, s.path))
        GROUP BY a.platform, u.level
        HAVING count(*) FILTER (WHERE a.status = 'active' AND coalesce(a.filing_no, '') <> '') > 0 OR count(v.account_id) > 0
        ORDER BY a.platform, u.level
        """;

    private const string UnitsSql =
        """
        SELECT count(DISTINCT a.unit_id) FROM cur v JOIN accounts a ON a.id = v.account_id WHERE v.passed IS NOT NULL
        """;

    private const string ProblemsSql =
        """
        , problems AS (
            SELECT 'Veto' AS source, unnest(r.vetoes) AS code, r.account_id, NULL::text AS note
            FROM inspection_results r JOIN inspection_round_accounts ra ON ra.round_id = @cur_round AND ra.account_id = r.account_id
            WHERE r.inspection_id = @cur_inspection
            UNION ALL
            SELECT 'Deduction', d->>'code', r.account_id, NULL
            FROM inspection_results r JOIN inspection_round_accounts ra ON ra.round_id = @cur_round AND ra.account_id = r.account_id
            CROSS JOIN LATERAL jsonb_array_elements(r.deductions::jsonb) d
            WHERE r.inspection_id = @cur_inspection
            UNION ALL
            SELECT CASE f.kind WHEN 'veto' THEN 'ManualVeto' ELSE 'ManualDeduction' END, f.item, f.account_id, f.note
            FROM inspection_round_findings f WHERE f.round_id = @cur_round)
        SELECT p.source, p.code, a.id, a.platform, a.name, u.name, p.note
        FROM problems p JOIN accounts a ON a.id = p.account_id JOIN units u ON u.id = a.unit_id
        ORDER BY p.source, p.code, a.platform, a.name, a.id
        """;

    /// <summary>
    /// The previous round's failures (prev), re-checked against this round (cur): recurred when a problem code of the
    /// account then is among its problem codes now; checked when this round scored the account; accepted when its
    /// task of the previous round was accepted. The outcome is <see cref="RecheckOutcome"/>'s table.
    /// </summary>
    private const string RecheckSql =
        """
        , facts AS (
            SELECT p.account_id,
                   c.passed IS NOT NULL AS checked,
                   EXISTS (SELECT 1 FROM prev_problems pp JOIN cur_problems cp ON cp.account_id = pp.account_id AND cp.code = pp.code
                           WHERE pp.account_id = p.account_id) AS recurred,
                   t.state
            FROM prev p
            LEFT JOIN cur c ON c.account_id = p.account_id
            LEFT JOIN rectification_tasks t ON t.round_id = @prev_round AND t.account_id = p.account_id
            WHERE p.passed = false),
        outcomes AS (
            SELECT f.*,
                   CASE WHEN f.state = 'accepted' AND NOT (f.checked AND f.recurred) THEN 3
                        WHEN f.state = 'accepted' THEN 1
                        WHEN f.checked AND NOT f.recurred THEN 2
                        ELSE 0 END AS outcome
            FROM facts f)
        SELECT a.id, a.platform, a.name, u.name, o.outcome, o.state
        FROM outcomes o
        JOIN accounts a ON a.id = o.account_id JOIN units u ON u.id = a.unit_id
        ORDER BY o.outcome, a.platform, a.name, a.id
        """;

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, ClosureDeadlines deadlines)
    {
        public async Task<Report> HandleAsync(long roundId, UserScope scope, int workingDays = DefaultWorkingDays, CancellationToken cancellationToken = default)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var round = await InspectionRounds.LoadForReadingAsync(db, roundId, scope, cancellationToken);
            if (round.State != RoundState.Published || round.PublishedAt is null)
            {
                throw new RoundException(RoundError.NotPublished, $"Round {roundId} is not published: it has no report yet.");
            }

            var previous = await db.InspectionRounds.AsNoTracking()
                .Where(r => r.State == RoundState.Published && r.UnitIds == round.UnitIds
                    && (r.PublishedAt < round.PublishedAt || (r.PublishedAt == round.PublishedAt && r.Id < round.Id)))
                .OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id)
                .FirstOrDefaultAsync(cancellationToken);

            var pass = (await InspectionRoundResults.Handler.SettingsAsync(db, round.InspectionId, cancellationToken)).PassScore;
            var parameters = new List<NpgsqlParameter>
            {
                new("cur_round", round.Id), new("cur_inspection", round.InspectionId!.Value), new("cur_pass", pass), new("units", round.UnitIds),
            };
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await connection.OpenAsync(cancellationToken);

            var levels = new List<(Platform Platform, LevelRow Row)>();
            await foreach (var r in QueryAsync(connection, $"WITH {RoundVerdictSql.Verdicts("cur")} {FiguresSql}", parameters, cancellationToken))
            {
                levels.Add((Platforms.Parse(r.GetString(0)), new LevelRow(UnitLevels.Parse(r.GetString(1)), (int)r.GetInt64(2), (int)r.GetInt64(3), (int)r.GetInt64(4))));
            }

            var problems = new List<(ProblemSource Source, string Code, NamedAccount Account)>();
            await foreach (var r in QueryAsync(connection, $"WITH {RoundVerdictSql.Verdicts("cur")} {ProblemsSql}", parameters, cancellationToken))
            {
                var source = Enum.Parse<ProblemSource>(r.GetString(0));

                // A manual item is named by its C# name, as the resources' Round.Item.* keys are; indicators by their code.
                var code = source is ProblemSource.ManualVeto or ProblemSource.ManualDeduction ? ManualFindingItems.Parse(r.GetString(1)).ToString() : r.GetString(1);
                problems.Add((source, code,
                    new NamedAccount(r.GetInt32(2), Platforms.Parse(r.GetString(3)), r.GetString(4), r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6))));
            }

            var units = 0;
            await foreach (var r in QueryAsync(connection, $"WITH {RoundVerdictSql.Verdicts("cur")} {UnitsSql}", parameters, cancellationToken))
            {
                units = (int)r.GetInt64(0);
            }

            var rechecks = new List<Recheck>();
            if (previous?.InspectionId is { } previousInspection)
            {
                var previousPass = (await InspectionRoundResults.Handler.SettingsAsync(db, previousInspection, cancellationToken)).PassScore;
                parameters.AddRange([new("prev_round", previous.Id), new("prev_inspection", previousInspection), new("prev_pass", previousPass)]);
                await foreach (var r in QueryAsync(connection, $"WITH {RoundVerdictSql.Verdicts("cur")}, {RoundVerdictSql.Verdicts("prev")}, {RoundVerdictSql.Problems("cur")}, {RoundVerdictSql.Problems("prev")} {RecheckSql}", parameters, cancellationToken))
                {
                    rechecks.Add(new Recheck(r.GetInt32(0), Platforms.Parse(r.GetString(1)), r.GetString(2), r.GetString(3), (RecheckOutcome)r.GetInt32(4),
                        r.IsDBNull(5) ? null : RectificationStates.Parse(r.GetString(5))));
                }
            }

            var publishedOn = ShanghaiCalendar.DayOf(round.PublishedAt.Value);
            return new Report(
                round.Id,
                round.Title,
                round.AsOf,
                publishedOn,
                workingDays,
                deadlines.Calendar.AddWorkingDays(publishedOn, workingDays),
                [.. levels.GroupBy(l => l.Platform).Select(g => new PlatformTable(g.Key, [.. g.Select(l => l.Row).OrderBy(l => l.Level)]))],
                [.. problems.GroupBy(p => (p.Source, p.Code)).Select(g => new Problem(g.Key.Source, g.Key.Code, [.. g.Select(p => p.Account)]))],
                previous?.Id,
                previous?.Title,
                rechecks,
                units,
                ReportTemplateText.FromJson(round.ReportTemplate));
        }

        private static async IAsyncEnumerable<DbDataReader> QueryAsync(
            NpgsqlConnection connection, string sql, List<NpgsqlParameter> parameters, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            foreach (var p in parameters)
            {
                command.Parameters.Add(new NpgsqlParameter(p.ParameterName, p.Value));
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                yield return reader;
            }
        }
    }
}
