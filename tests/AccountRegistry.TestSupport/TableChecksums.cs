using Npgsql;

namespace AccountRegistry.TestSupport;

/// <summary>
/// Every table's row count and an md5 of its contents, to show that refused input changed nothing. The audit trail
/// is left out: it records the refusals on purpose.
/// </summary>
public static class TableChecksums
{
    public static async Task<string> TakeAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('audit_entries', '__EFMigrationsHistory') ORDER BY tablename", connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var lines = new List<string>();
        foreach (var table in tables)
        {
            await using var sum = new NpgsqlCommand(
                $"SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-') FROM \"{table}\" t", connection);
            lines.Add(table + ": " + await sum.ExecuteScalarAsync(cancellationToken));
        }

        return string.Join('\n', lines);
    }
}
