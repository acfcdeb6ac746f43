using System.Security.Cryptography;
using AccountRegistry.Application.Audit;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AccountRegistry.Application.Inspections;

/// <summary>
/// 新建检查: a reviewer opens a round over the district or chosen townships and its accounts are drawn at once, in
/// SQL: every live account opened on or before the check point, or per stratum (platform × township; county-level
/// units form their own township) the share rounded up, at least one, chosen by the md5 of seed and account id. The
/// same seed on the same accounts draws the same sample; a new account in one stratum leaves the others' draw alone.
/// </summary>
public static class OpenInspectionRound
{
    /// <param name="Seed">Null draws a fresh one; it is stored, so the sample can be drawn again and checked.</param>
    public sealed record Command(string Title, DateOnly AsOf, RoundScope Scope, IReadOnlyCollection<int> UnitIds, RoundSampling Sampling, decimal? Share, long? Seed = null);

    public sealed record Result(long RoundId, long Seed, int Accounts);

    /// <summary>The draw, shared by opening a round and by checking a stored sample against its seed.</summary>
    internal const string DrawSql =
        """
        SELECT c.id, c.platform, c.township FROM (
            SELECT a.id, a.platform, t.id AS township,
                   row_number() OVER (PARTITION BY a.platform, t.id ORDER BY md5(@seed::text || ':' || a.id::text), a.id) AS rank,
                   count(*) OVER (PARTITION BY a.platform, t.id) AS stratum_size
            FROM accounts a
            JOIN units u ON u.id = a.unit_id
            LEFT JOIN LATERAL (
                SELECT t.id FROM units t
                WHERE t.level IN ('township', 'street') AND starts_with(u.path, t.path)
                ORDER BY length(t.path) LIMIT 1) t ON true
            WHERE a.status = 'active' AND a.opened_on <= @as_of
              AND EXISTS (SELECT 1 FROM units s WHERE s.id = ANY(@units) AND starts_with(u.path, s.path))
        ) c
        WHERE @share::numeric IS NULL OR c.rank <= greatest(1, ceil(@share::numeric * c.stratum_size))
        """;

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Command command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            InspectionRounds.EnsureMayInspect(scope);
            var now = clock.GetUtcNow();
            var seed = command.Seed ?? RandomNumberGenerator.GetInt32(1, int.MaxValue);
            var round = InspectionRound.Open(command.Title, command.AsOf, command.Scope, command.UnitIds, command.Sampling, command.Share, seed, scope.UserName, now);

            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var units = await db.Units.AsNoTracking().VisibleTo(scope).Where(u => round.UnitIds.Contains(u.Id)).Select(u => u.Level).ToListAsync(cancellationToken);
            if (units.Count != round.UnitIds.Length
                || (round.Scope == RoundScope.Townships && units.Any(l => l is not (UnitLevel.Township or UnitLevel.Street))))
            {
                throw new RoundException(RoundError.NoUnits, "The round's units are not townships (or a district) the user may inspect.");
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.InspectionRounds.Add(round);
            await db.SaveChangesAsync(cancellationToken);
            var drawn = await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO inspection_round_accounts (round_id, account_id, platform, township_unit_id) SELECT @round, d.* FROM ({DrawSql}) d",
                [
                    new NpgsqlParameter("round", round.Id),
                    new NpgsqlParameter("seed", round.Seed),
                    new NpgsqlParameter("as_of", round.AsOf),
                    new NpgsqlParameter("units", round.UnitIds),
                    new NpgsqlParameter("share", (object?)round.SampleShare ?? DBNull.Value),
                ],
                cancellationToken);
            AuditLog.Append(db, now, scope.UserName, "inspection_round.opened", "inspection_round", round.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                summary: $"{round.Title}: {drawn} accounts as of {round.AsOf:yyyy-MM-dd}",
                details: new { as_of = round.AsOf, scope = round.Scope.ToCode(), units = round.UnitIds, sampling = round.Sampling.ToCode(), share = round.SampleShare, seed, accounts = drawn });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Result(round.Id, seed, drawn);
        }
    }
}
