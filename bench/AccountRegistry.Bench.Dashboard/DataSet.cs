using System.Diagnostics;
using System.Globalization;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AccountRegistry.Bench.Dashboard;

/// <summary>
/// The 20,000-account county of the rules benchmark (same units and accounts, generated in SQL, deterministic) with a
/// campaign behind it: closures and merges spread over 2026 with their status history, the rules evaluated on the
/// first of every month since March and on T, reviewers' retain and close decisions, and closure requests in every
/// state, some overdue. Ten posts and one read snapshot per account-post are enough for the rules to find the zombies;
/// the dashboard's figures read none of them.
/// </summary>
internal static class DataSet
{
    public sealed record Counts(long Accounts, long StatusChanges, long Evaluations, long Results, long Decisions, long Requests, long Steps);

    public static async Task GenerateAsync(string connectionString, int accounts, DateOnly asOf)
    {
        var end = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await BenchCounty.RunStepsAsync(connection, [
            .. BenchCounty.UnitsAndAccountsSql(accounts),
            // The campaign's closures and merges, spread from March to the day before T.
            $"""
            INSERT INTO account_status_changes (account_id, status, effective_on, merged_into_account_id, recorded_at, recorded_by, reason)
            SELECT a.id, a.status, date '2026-03-01' + ((a.id * 13) % (date '{end}' - date '2026-03-01')),
                   CASE WHEN a.status = 'merged' THEN 1 END, now(), 'bench', 'bench'
            FROM accounts a WHERE a.status <> 'active'
            """,
            $"""
            INSERT INTO posts (id, account_id, platform_post_id, published_at, title, content, is_original)
            SELECT g, a, 'p' || g,
                   CASE WHEN a % 10 < 3 OR a <= 5
                        THEN timestamptz '{end} 20:00:00+08' - make_interval(mins => ((g * 7919) % (365 * 24 * 60))::int)
                        ELSE timestamptz '2016-01-01 00:00:00+08' + make_interval(mins => ((g::bigint * 104729) % (7 * 365 * 24 * 60))::int)
                   END,
                   '标题 ' || g, repeat(md5(g::text), 2), g % 10 < 7
            FROM generate_series(1::bigint, {accounts * 10}) g, LATERAL (SELECT (g % {accounts}) + 1 AS a) x
            """,
            $"SELECT setval(pg_get_serial_sequence('posts', 'id'), {accounts * 10})",
            $"""
            INSERT INTO read_snapshots (post_id, captured_at, reads)
            SELECT p.id, LEAST(p.published_at + interval '1 day', timestamptz '{end} 23:00:00+08'),
                   (p.id * 2654435761) % (CASE WHEN p.account_id % 4 = 0 THEN 150 ELSE 3000 END)
            FROM posts p
            """,
            // Its texts are generated filler: measured without near-duplicates, as before stored runs fingerprinted the queue.
            "TRUNCATE post_fingerprint_queue",
            "VACUUM ANALYZE",
        ]);
    }

    /// <summary>Evaluations on the first of each month from March and on T, in date order (each moves the flags).</summary>
    public static async Task EvaluateAsync(IServiceProvider services, DateOnly asOf)
    {
        var days = new List<DateOnly>();
        for (var day = new DateOnly(2026, 3, 1); day < asOf; day = day.AddMonths(1))
        {
            days.Add(day);
        }

        days.Add(asOf);
        foreach (var day in days)
        {
            var watch = Stopwatch.StartNew();
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<RunEvaluation.Handler>().HandleAsync(new RunEvaluation.Command(day, "bench"));
            Console.WriteLine($"   {watch.Elapsed.TotalSeconds,6:0.0} s  evaluation as of {day:yyyy-MM-dd}: {result.AccountCount:N0} accounts");
        }
    }

    /// <summary>
    /// Reviewers retained one flagged account in five and decided to close one in ten (spread over the autumn); a
    /// closure request for each close decision, moved along its steps by how long ago it was filed, so that some are
    /// done, some waiting and some overdue.
    /// </summary>
    public static async Task DecideAsync(string connectionString, DateOnly asOf)
    {
        var watch = Stopwatch.StartNew();
        await using var db = RegistryDbContextOptions.Create(connectionString);
        var latest = await db.Evaluations.OrderByDescending(e => e.AsOf).ThenByDescending(e => e.Id).Select(e => new { e.Id, e.AsOf }).FirstAsync();
        var flagged = await db.EvaluationResults
            .FromSql($"SELECT * FROM evaluation_results WHERE evaluation_id = {latest.Id} AND cardinality(rules) > 0")
            .AsNoTracking()
            .Join(db.Accounts, r => r.AccountId, a => a.Id, (r, a) => new { r.AccountId, a.UnitId, r.Rules, Account = a })
            .OrderBy(r => r.AccountId)
            .ToListAsync();
        var deadlines = ClosureDeadlines.Default;
        var decisions = 0;
        var requests = 0;
        foreach (var (row, index) in flagged.Select((row, index) => (row, index)))
        {
            var decidedAt = new DateTimeOffset(asOf.AddDays(-(index % 90)).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)).ToUniversalTime();
            var basis = new ReviewBasis(row.AccountId, row.UnitId, row.Rules, latest.Id, Recommendation.Close);
            if (index % 5 == 0)
            {
                db.ReviewDecisions.Add(ReviewDecision.Retain(basis, RetainReason.CarriesService, null, "bench-reviewer", decidedAt));
                decisions++;
            }
            else if (index % 10 == 1)
            {
                db.ReviewDecisions.Add(ReviewDecision.Close(basis, null, "bench-reviewer", decidedAt));
                var clerk = ClosureActor.Clerk("bench-clerk");
                var reviewer = ClosureActor.Reviewer("bench-reviewer");
                var details = new ClosureDetails([ClosureReason.Stale], null, asOf.AddDays(60), null, row.Account.ProvidesServices ? "由区融媒体中心账号承接" : null);
                var request = ClosureRequest.FileClosure(clerk, row.Account, ClosureKind.Close, details, decidedAt, deadlines);
                if (index % 3 != 0)
                {
                    request.Submit(clerk, decidedAt.AddDays(1), deadlines);
                }

                if (index % 3 == 2)
                {
                    request.Approve(reviewer, null, decidedAt.AddDays(3), deadlines);
                }

                db.ClosureRequests.Add(request);
                decisions++;
                requests++;
            }
        }

        await db.SaveChangesAsync();
        Console.WriteLine($"   {watch.Elapsed.TotalSeconds,6:0.0} s  {decisions:N0} review decisions, {requests:N0} closure requests");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 0 };
        await analyze.ExecuteNonQueryAsync();
    }

    public static async Task<bool> ExistsAsync(string admin, string database)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", database);
        if (Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) == 0)
        {
            return false;
        }

        await using var target = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Database = database, Pooling = false }.ConnectionString);
        await target.OpenAsync();
        await using var evaluated = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_name = 'review_decisions') AND EXISTS (SELECT 1 FROM review_decisions)", target);
        return (bool)(await evaluated.ExecuteScalarAsync())!;
    }

    public static async Task<Counts> CountsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task<long> ScalarAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        return new Counts(
            await ScalarAsync("SELECT count(*) FROM accounts"),
            await ScalarAsync("SELECT count(*) FROM account_status_changes"),
            await ScalarAsync("SELECT count(*) FROM evaluations"),
            await ScalarAsync("SELECT count(*) FROM evaluation_results"),
            await ScalarAsync("SELECT count(*) FROM review_decisions"),
            await ScalarAsync("SELECT count(*) FROM closure_requests"),
            await ScalarAsync("SELECT count(*) FROM closure_steps"));
    }
}
