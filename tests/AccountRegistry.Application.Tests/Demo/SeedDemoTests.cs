using AccountRegistry.Cli;
using AccountRegistry.TestSupport;

namespace AccountRegistry.Application.Tests.Demo;

public sealed class SeedDemoTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task SeedDemo_LoadsACountyWithEveryPatternTheRulesLookFor_Once()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var first = await CommandLine.RunAsync(["--connection", fixture.ConnectionString, "seed-demo"], output, error, TestContext.Current.CancellationToken);
        var second = await CommandLine.RunAsync(["--connection", fixture.ConnectionString, "seed-demo"], output, error, TestContext.Current.CancellationToken);

        Assert.Equal(0, first);
        Assert.Equal(0, second);
        Assert.Contains("already loaded", output.ToString(), StringComparison.Ordinal);
        Assert.InRange(await fixture.ScalarAsync("SELECT count(*) FROM accounts"), 130, 170);
        Assert.InRange(await fixture.ScalarAsync("SELECT count(*) FROM accounts a JOIN units u ON u.id = a.unit_id WHERE u.level = 'department'"), 50, 70);
        Assert.InRange(await fixture.ScalarAsync("SELECT count(*) FROM accounts a JOIN units u ON u.id = a.unit_id WHERE u.level IN ('township','street')"), 20, 30);
        Assert.InRange(await fixture.ScalarAsync("SELECT count(*) FROM accounts WHERE is_hub"), 3, 5);

        // Never used, silent for weeks and for years, unattended, repost-only, two accounts of one unit on one platform.
        Assert.True(await fixture.ScalarAsync("SELECT count(*) FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.account_id = a.id)") >= 5);
        Assert.True(await fixture.ScalarAsync(
            "SELECT count(*) FROM accounts a WHERE (SELECT max(published_at) FROM posts p WHERE p.account_id = a.id) BETWEEN now() - interval '90 days' AND now() - interval '20 days'") >= 3);
        Assert.True(await fixture.ScalarAsync(
            "SELECT count(*) FROM accounts a WHERE (SELECT max(published_at) FROM posts p WHERE p.account_id = a.id) < now() - interval '365 days'") >= 3);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM accounts WHERE operator IS NULL"));
        Assert.True(await fixture.ScalarAsync(
            "SELECT count(*) FROM (SELECT account_id FROM posts GROUP BY account_id HAVING avg(CASE WHEN is_original THEN 1.0 ELSE 0 END) < 0.2) r") >= 2);
        Assert.True(await fixture.ScalarAsync(
            "SELECT count(*) FROM (SELECT unit_id, platform FROM accounts WHERE status = 'active' GROUP BY 1, 2 HAVING count(*) > 1) d") >= 1);

        // The same activity written up again: community posts whose text closely follows an earlier post of their
        // township's account (trigram similarity, independent of the detector under test elsewhere).
        await fixture.ScalarAsync("CREATE EXTENSION IF NOT EXISTS pg_trgm");
        Assert.True(await fixture.ScalarAsync(
            """
            SELECT count(*) FROM posts p
            JOIN accounts a ON a.id = p.account_id
            JOIN units u ON u.id = a.unit_id AND u.level IN ('community', 'village')
            WHERE EXISTS (
                SELECT 1 FROM posts q JOIN accounts b ON b.id = q.account_id
                WHERE b.unit_id = u.parent_id AND q.published_at < p.published_at
                  AND q.published_at > p.published_at - interval '3 days' AND similarity(q.content, p.content) > 0.5)
            """) >= 30);

        Assert.True(await fixture.ScalarAsync("SELECT count(*) FROM read_snapshots") > await fixture.ScalarAsync("SELECT count(*) FROM posts"));
        Assert.Equal(3, await fixture.ScalarAsync("SELECT count(*) FROM account_status_changes"));
        Assert.True(await fixture.ScalarAsync("SELECT count(*) FROM asp_net_users") >= 15);

        // The campaign so far, for the dashboard: six past months and today evaluated, decisions and requests.
        Assert.Equal(7, await fixture.ScalarAsync("SELECT count(DISTINCT as_of) FROM evaluations"));
        Assert.Equal(3, await fixture.ScalarAsync("SELECT count(*) FROM review_decisions WHERE kind IN ('retain', 'close')"));
        Assert.Equal(2, await fixture.ScalarAsync("SELECT count(*) FROM closure_requests"));
    }
}
