using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AccountRegistry.Infrastructure.Persistence;

/// <summary>
/// Brings a database up to the model: the one way the command line (`registry migrate`), the tests and the benchmarks
/// migrate. Before the first release the 18 migrations of development were squashed into one Initial (see
/// docs/operations.md). A database those 18 migrated lists their ids in its history and already has Initial's schema:
/// its history is rewritten to Initial's id, in one transaction, so EF Core finds nothing to apply instead of creating
/// tables that exist. A database that stopped part-way through them is refused: only the previous release can finish it.
/// </summary>
public static class RegistryMigrations
{
    /// <summary>The id of the migration the chain was squashed into.</summary>
    public const string SquashedInto = "20261206083223_Initial";

    /// <summary>The squashed chain, oldest first.</summary>
    public static IReadOnlyList<string> Squashed { get; } =
    [
        "20261123112350_Initial",
        "20261123113615_CollectorApiKeys",
        "20261123123255_RulesAndFlags",
        "20261123125200_Reviews",
        "20261123131434_ClosureRequests",
        "20261123132911_NearDuplicateFingerprints",
        "20261123140327_NearDuplicateQueue",
        "20261123141554_RulesStorageTuning",
        "20261129231806_ContentInspection",
        "20261129232138_DashboardFigures",
        "20261206022134_PinyinCollation",
        "20261206022504_InspectionAndInteractions",
        "20261206023015_NearDuplicateSketch",
        "20261206050910_FilingRegister",
        "20261206053736_InspectionRounds",
        "20261206062642_Rectification",
        "20261206082759_InspectionReportTemplate",
        "20261206083223_ProvinceRollups",
    ];

    /// <summary>Applies the pending migrations and returns their ids (none when the database was up to date).</summary>
    /// <exception cref="PartlyMigratedDatabaseException">The database stopped part-way through the squashed chain.</exception>
    public static async Task<IReadOnlyList<string>> MigrateAsync(RegistryDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await AdoptSquashedHistoryAsync(db, cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        return pending;
    }

    private static async Task AdoptSquashedHistoryAsync(RegistryDbContext db, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var exists = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection, transaction))
            {
                exists.Parameters.AddWithValue("table", RegistryDbContextOptions.HistoryTable);
                if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
                {
                    return;
                }
            }

            // Two `registry migrate` at once: the second waits here and then finds the history already rewritten.
            var table = $"\"{RegistryDbContextOptions.HistoryTable}\"";
            await using (var lockTable = new NpgsqlCommand($"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE", connection, transaction))
            {
                await lockTable.ExecuteNonQueryAsync(cancellationToken);
            }

            var applied = new Dictionary<string, string>(StringComparer.Ordinal);
            await using (var read = new NpgsqlCommand(
                $"SELECT \"MigrationId\", \"ProductVersion\" FROM {table} WHERE \"MigrationId\" = ANY(@ids) OR \"MigrationId\" = @into",
                connection, transaction))
            {
                read.Parameters.AddWithValue("ids", Squashed.ToArray());
                read.Parameters.AddWithValue("into", SquashedInto);
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied[reader.GetString(0)] = reader.GetString(1);
                }
            }

            var squashedApplied = Squashed.Where(applied.ContainsKey).ToList();
            if (squashedApplied.Count == 0)
            {
                return;
            }

            if (squashedApplied.Count < Squashed.Count && !applied.ContainsKey(SquashedInto))
            {
                throw new PartlyMigratedDatabaseException(
                    $"This database stopped part-way through the migrations that were squashed into {SquashedInto}: " +
                    $"{squashedApplied.Count} of {Squashed.Count} are applied, the last {squashedApplied[^1]}, the next missing " +
                    $"{Squashed.First(id => !applied.ContainsKey(id))}. Nothing was changed. Run `registry migrate` of the " +
                    $"previous release (any build whose migrations end with {Squashed[^1]}) on it first, then this one " +
                    "(docs/operations.md, \"Upgrading a database migrated before the squash\").");
            }

            await using (var rewrite = new NpgsqlCommand(
                $"""
                DELETE FROM {table} WHERE "MigrationId" = ANY(@ids);
                INSERT INTO {table} ("MigrationId", "ProductVersion") VALUES (@into, @version) ON CONFLICT DO NOTHING;
                """,
                connection, transaction))
            {
                rewrite.Parameters.AddWithValue("ids", Squashed.ToArray());
                rewrite.Parameters.AddWithValue("into", SquashedInto);
                rewrite.Parameters.AddWithValue("version", applied.GetValueOrDefault(SquashedInto) ?? applied[Squashed[^1]]);
                await rewrite.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>The database stopped part-way through the squashed migrations; the message says what to do.</summary>
public sealed class PartlyMigratedDatabaseException : Exception
{
    public PartlyMigratedDatabaseException()
    {
    }

    public PartlyMigratedDatabaseException(string message)
        : base(message)
    {
    }

    public PartlyMigratedDatabaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
