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
        // The county's posts as loaded, then the one post the campaign adds afterwards: together what is stored.
        var loaded = long.Parse(System.Text.RegularExpressions.Regex.Match(output.ToString(), @"accounts, (\d+) posts").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("1 post by a closed account after its closing (REVIVED)", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(loaded + 1, await fixture.ScalarAsync("SELECT count(*) FROM posts"));
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

        // The district's releases: reposts carry a text 指尖岳麓 published earlier that day (a tenth of them with pinyin
        // added, so not the same text).
        var reposts = await fixture.ScalarAsync("SELECT count(*) FROM posts WHERE NOT is_original");
        var ofARelease = await fixture.ScalarAsync(
            """
            SELECT count(*) FROM posts p
            WHERE NOT p.is_original AND EXISTS (
                SELECT 1 FROM posts h JOIN accounts a ON a.id = h.account_id AND a.is_hub AND a.platform = 'wechat'
                WHERE h.is_original AND h.content = p.content AND h.published_at < p.published_at AND h.published_at > p.published_at - interval '1 day')
            """);
        Assert.True(ofARelease * 10 >= reposts * 8, $"{ofARelease} of {reposts} reposts carry a release of that day");

        Assert.True(await fixture.ScalarAsync("SELECT count(*) FROM read_snapshots") > await fixture.ScalarAsync("SELECT count(*) FROM posts"));
        Assert.True(await fixture.ScalarAsync("SELECT count(*) FROM asp_net_users") >= 15);

        // The campaign so far, replayed through the use cases: most accounts closed or merged by completed requests, a
        // minority retained after review, and a tail open in every state of the workflow, some of it overdue.
        var accounts = await fixture.ScalarAsync("SELECT count(*) FROM accounts");
        var settled = await fixture.ScalarAsync("SELECT count(*) FROM accounts WHERE status IN ('closed', 'merged')");
        Assert.True(settled * 2 > accounts, $"{settled} of {accounts} closed or merged");
        Assert.Equal(settled, await fixture.ScalarAsync(
            "SELECT count(*) FROM account_status_changes c JOIN closure_requests r ON r.account_id = c.account_id AND r.state = 'completed'"));
        Assert.Equal(settled, await fixture.ScalarAsync("SELECT count(*) FROM closure_requests WHERE state = 'completed'"));
        Assert.Equal(0, await fixture.ScalarAsync(
            "SELECT count(*) FROM closure_requests r WHERE r.state = 'completed' AND NOT EXISTS (SELECT 1 FROM closure_attachments a WHERE a.request_id = r.id AND a.purpose = 'proof')"));
        Assert.InRange(await fixture.ScalarAsync("SELECT count(*) FROM review_decisions WHERE kind = 'retain'"), 3, settled / 4);
        foreach (var state in new[] { "draft", "submitted", "rejected", "approved", "notice_posted", "deregistered" })
        {
            Assert.True(await fixture.ScalarAsync($"SELECT count(*) FROM closure_requests WHERE state = '{state}'") >= 2, state);
        }

        Assert.True(await fixture.ScalarAsync("SELECT count(*) FROM closure_requests WHERE state NOT IN ('completed', 'withdrawn') AND due_on < CURRENT_DATE") >= 2);
        Assert.True(await fixture.ScalarAsync("SELECT count(*) FROM flags WHERE status = 'open'") >= 10);

        // A closed account stops publishing on its closing day, but for the one the inspection shows as REVIVED (a
        // closed account taken over); the zombie line falls.
        Assert.Equal(1, await fixture.ScalarAsync(
            "SELECT count(*) FROM posts p JOIN account_status_changes c ON c.account_id = p.account_id WHERE (p.published_at AT TIME ZONE 'Asia/Shanghai')::date >= c.effective_on"));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM posts WHERE platform_post_id LIKE '%-after-closing'"));
        Assert.True(await fixture.ScalarAsync("SELECT count(DISTINCT as_of) FROM evaluations") >= 20);
        Assert.True(await fixture.ScalarAsync(
            """
            SELECT (SELECT count(*) FROM evaluation_results r WHERE r.evaluation_id = (SELECT min(id) FROM evaluations) AND r.rules && ARRAY['STALE', 'NEVER_POSTED']::text[])
                 - (SELECT count(*) FROM evaluation_results r WHERE r.evaluation_id = (SELECT max(id) FROM evaluations) AND r.rules && ARRAY['STALE', 'NEVER_POSTED']::text[])
            """) >= 10);
    }
}
