using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AccountRegistry.Application.Inspections;

/// <summary>
/// For leadership: the pass rate of the latest published rounds, overall, by township and by platform, over the
/// accounts of the user's own units only (a township leader sees the district's rounds as they bear on the township).
/// One SQL statement over the rounds' stored results, with the verdicts of <see cref="RoundVerdictSql.VerdictsOf"/>
/// and each round's own pass score; grouped by GROUPING SETS.
/// </summary>
public static class PassRateTrend
{
    /// <summary>How many published rounds the view goes back.</summary>
    public const int MaxRounds = 12;

    public sealed record Cell(int Checked, int Passed)
    {
        public double? Rate => Checked == 0 ? null : (double)Passed / Checked;
    }

    public sealed record RoundColumn(long Id, string Title, DateOnly AsOf, DateTimeOffset PublishedAt, Cell Overall);

    /// <summary>A township (or street); <paramref name="UnitId"/> null: the county-level units.</summary>
    public sealed record TownshipLine(int? UnitId, string? Name, IReadOnlyDictionary<long, Cell> ByRound);

    public sealed record PlatformLine(Platform Platform, IReadOnlyDictionary<long, Cell> ByRound);

    /// <summary>Rounds oldest first (the chart's x axis).</summary>
    public sealed record Trend(IReadOnlyList<RoundColumn> Rounds, IReadOnlyList<TownshipLine> Townships, IReadOnlyList<PlatformLine> Platforms);

    private static readonly string Sql =
        $"""
        WITH picked AS (
            SELECT r.id, r.inspection_id, coalesce((i.settings::jsonb->>'pass_score')::int, @default_pass) AS pass
            FROM inspection_rounds r JOIN inspections i ON i.id = r.inspection_id
            WHERE r.state = 'published'
              AND EXISTS (SELECT 1 FROM inspection_round_accounts ra JOIN accounts a ON a.id = ra.account_id JOIN units u ON u.id = a.unit_id
                          WHERE ra.round_id = r.id AND starts_with(u.path, @prefix))
            ORDER BY r.published_at DESC, r.id DESC
            LIMIT @max_rounds),
        {RoundVerdictSql.VerdictsOf("picked", "v")},
        mine AS (
            SELECT v.round_id, ra.township_unit_id, a.platform, v.passed
            FROM v
            JOIN inspection_round_accounts ra ON ra.round_id = v.round_id AND ra.account_id = v.account_id
            JOIN accounts a ON a.id = v.account_id JOIN units u ON u.id = a.unit_id
            WHERE v.passed IS NOT NULL AND starts_with(u.path, @prefix))
        SELECT m.round_id, GROUPING(m.township_unit_id) = 0 AS by_township, GROUPING(m.platform) = 0 AS by_platform,
               m.township_unit_id, t.name, m.platform, count(*)::int, count(*) FILTER (WHERE m.passed)::int
        FROM mine m LEFT JOIN units t ON t.id = m.township_unit_id
        GROUP BY GROUPING SETS ((m.round_id), (m.round_id, m.township_unit_id, t.name), (m.round_id, m.platform))
        """;

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts)
    {
        public async Task<Trend> HandleAsync(UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(scope);
            if (!scope.Meets(Infrastructure.Identity.Policies.DistrictAndLeaders))
            {
                throw new UnauthorizedAccessException("Only leaders, reviewers and administrators see the pass rates.");
            }

            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await connection.OpenAsync(cancellationToken);
            var overall = new Dictionary<long, Cell>();
            var townships = new Dictionary<int, (string Name, Dictionary<long, Cell> Cells)>();
            var countyLevel = new Dictionary<long, Cell>();
            var platforms = new Dictionary<Platform, Dictionary<long, Cell>>();
            await using (var command = new NpgsqlCommand(Sql, connection))
            {
                command.Parameters.AddWithValue("prefix", scope.SeesEverything ? "/" : scope.VisiblePathPrefix);
                command.Parameters.AddWithValue("default_pass", InspectionSettings.Defaults.PassScore);
                command.Parameters.AddWithValue("max_rounds", MaxRounds);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var round = reader.GetInt64(0);
                    var cell = new Cell(reader.GetInt32(6), reader.GetInt32(7));
                    if (reader.GetBoolean(1))
                    {
                        if (reader.IsDBNull(3))
                        {
                            countyLevel[round] = cell;
                        }
                        else
                        {
                            var id = reader.GetInt32(3);
                            if (!townships.TryGetValue(id, out var line))
                            {
                                townships[id] = line = (reader.GetString(4), []);
                            }

                            line.Cells[round] = cell;
                        }
                    }
                    else if (reader.GetBoolean(2))
                    {
                        var platform = Platforms.Parse(reader.GetString(5));
                        if (!platforms.TryGetValue(platform, out var cells))
                        {
                            platforms[platform] = cells = [];
                        }

                        cells[round] = cell;
                    }
                    else
                    {
                        overall[round] = cell;
                    }
                }
            }

            var ids = overall.Keys.ToList();
            var rounds = await db.InspectionRounds.AsNoTracking().Where(r => ids.Contains(r.Id))
                .OrderBy(r => r.PublishedAt).ThenBy(r => r.Id)
                .Select(r => new { r.Id, r.Title, r.AsOf, r.PublishedAt })
                .ToListAsync(cancellationToken);
            var lines = townships.OrderBy(t => t.Value.Name, StringComparer.Ordinal)
                .Select(t => new TownshipLine(t.Key, t.Value.Name, t.Value.Cells))
                .ToList();
            if (countyLevel.Count > 0)
            {
                lines.Insert(0, new TownshipLine(null, null, countyLevel));
            }

            return new Trend(
                [.. rounds.Select(r => new RoundColumn(r.Id, r.Title, r.AsOf, r.PublishedAt!.Value, overall[r.Id]))],
                lines,
                [.. platforms.OrderBy(p => p.Key).Select(p => new PlatformLine(p.Key, p.Value))]);
        }
    }
}
