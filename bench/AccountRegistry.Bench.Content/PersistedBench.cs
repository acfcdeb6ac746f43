using System.Diagnostics;
using AccountRegistry.Application;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Content;
using AccountRegistry.Application.Imports;
using AccountRegistry.Domain.Content;
using AccountRegistry.Infrastructure;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace AccountRegistry.Bench.Content;

/// <summary>
/// The persisted path: the generated units, accounts and posts imported by the real import (with the import
/// listeners switched off, so that the near-duplicate detector's time is not counted here), the bench lists stored,
/// then the inspector drains the trigger-filled queue: read texts in batches, check on every core, COPY the matches,
/// replace open findings in SQL, dequeue. Then a re-check of every post after a list change, as an edit causes.
/// </summary>
internal static class PersistedBench
{
    public static async Task RunAsync(string connectionString, string dataDirectory)
    {
        await RecreateAsync(connectionString);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddInfrastructure(connectionString);
        services.AddApplication();
        services.RemoveAll<IPostImportListener>();
        await using var provider = services.BuildServiceProvider();

        var import = Stopwatch.StartNew();
        foreach (var stem in new[] { "units", "accounts", "posts" })
        {
            var file = Path.Combine(dataDirectory, stem + ".csv");
            await using var scope = provider.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ImportFiles.Handler>()
                .HandleAsync(new ImportFiles.Command([new ImportFiles.InputFile(file, stem + ".csv")]), UserScope.System, null);
            var imported = result.Files.Single();
            if (!imported.Accepted)
            {
                throw new InvalidOperationException($"{file} was rejected: {string.Join("; ", imported.Errors.Take(5))}");
            }

            Console.WriteLine($"imported {stem}.csv: {imported.RowsRead:N0} rows in {import.Elapsed.TotalSeconds:F1} s");
            import.Restart();
        }

        await StoreListsAsync(connectionString);
        await PlantAsync(connectionString);
        var queued = await ScalarAsync(connectionString, "SELECT count(*) FROM content_check_queue");
        var inspector = new ContentInspector(new RegistryConnection(connectionString), TimeProvider.System);

        var first = await inspector.RunAsync(null, CancellationToken.None);
        Report("after import", first, queued);

        var recheckQueued = await ContentRecheck.QueueAllAsync(new RegistryConnection(connectionString), CancellationToken.None);
        var again = await inspector.RunAsync(null, CancellationToken.None);
        Report("re-check (list edit)", again, recheckQueued);
        Console.WriteLine($"findings stored: {await ScalarAsync(connectionString, "SELECT count(*) FROM content_findings"):N0}");
    }

    private static void Report(string what, ContentInspector.RunResult run, long queued) =>
        Console.WriteLine(
            $"{what,-22} {run.Posts,10:N0} posts (queued {queued:N0}) {run.Elapsed.TotalSeconds,8:F1} s  {run.Posts / run.Elapsed.TotalSeconds,10:N0} posts/s end to end; "
            + $"checking {run.CheckTime.TotalSeconds:F1} s on {Environment.ProcessorCount} cores ({run.Posts / run.CheckTime.TotalSeconds:N0} posts/s); matches {run.Findings:N0}");

    private static async Task StoreListsAsync(string connectionString)
    {
        var lists = BenchLists.Create();
        await using var db = RegistryDbContextOptions.Create(connectionString);
        var now = DateTimeOffset.UtcNow;
        db.ContentTerms.AddRange(lists.Names.Select(n => new ContentTerm { Kind = ContentTermKind.OfficialName, Term = n.Name, WrongForms = [.. n.WrongForms], UpdatedAt = now, UpdatedBy = "bench" }));
        db.ContentTerms.AddRange(lists.BannedPhrases.Select(b => new ContentTerm { Kind = ContentTermKind.Banned, Term = b, UpdatedAt = now, UpdatedBy = "bench" }));
        db.ContentTerms.AddRange(lists.AllowedDomains.Select(d => new ContentTerm { Kind = ContentTermKind.AllowedDomain, Term = d, UpdatedAt = now, UpdatedBy = "bench" }));
        await db.SaveChangesAsync();
    }

    /// <summary>The same planted findings as the in-process bench, applied in SQL by post id (the update trigger queues nothing new: already queued).</summary>
    private static async Task PlantAsync(string connectionString)
    {
        var lists = BenchLists.Create();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var ids = new List<long>();
        await using (var command = new NpgsqlCommand("SELECT id FROM posts WHERE id % 1000 < 45 ORDER BY id", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        await using var batch = new NpgsqlBatch(connection);
        foreach (var id in ids)
        {
            var suffix = BenchLists.Plant(id, string.Empty, lists) ?? string.Empty;
            batch.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE posts SET content = coalesce(content, '') || $1 WHERE id = $2") { Parameters = { new() { Value = suffix }, new() { Value = id } } });
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"planted findings into {ids.Count:N0} posts");
    }

    private static async Task RecreateAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database ?? throw new ArgumentException("The connection string names no database.");
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        await using var db = RegistryDbContextOptions.Create(connectionString);
        await RegistryMigrations.MigrateAsync(db);
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
