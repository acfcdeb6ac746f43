using AccountRegistry.Application.Imports;
using AccountRegistry.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountRegistry.Application.Tests.Imports;

public sealed class ImportUpsertTests(ImportFixture fixture) : IClassFixture<ImportFixture>
{
    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// spec/interchange.md: "RFC 4180: quoted fields may hold commas, quotes and newlines", and a name is "text": a
    /// spreadsheet cell with a line break (Alt+Enter) in a unit's or account's name, or in the operator, is a valid row.
    /// </summary>
    [Fact]
    public async Task Import_QuotedLineBreaksInNamesAndOperator_AreStoredAsWritten()
    {
        var result = await fixture.ImportAsync(
            ("units.csv", "code,name,level,parent_code\nNL-C,\"岳麓区\n人民政府\",county,\nNL-S,\"望岳街道\r\n办事处\",street,NL-C\n"),
            ("accounts.csv",
                "platform,account_id,name,unit_code,opened_on,operator,provides_services,is_hub,status\n" +
                "wechat,gh_nl,\"望岳\n优生活\",NL-S,2020-01-01,\"张三\t李四\n王五\",,,\n"));

        Assert.True(result.Succeeded, string.Join("; ", result.Files.SelectMany(f => f.Errors)));
        await using var db = fixture.CreateContext();
        Assert.Equal("岳麓区\n人民政府", await db.Units.Where(u => u.Code == "NL-C").Select(u => u.Name).SingleAsync(Cancel));
        Assert.Equal("望岳街道\r\n办事处", await db.Units.Where(u => u.Code == "NL-S").Select(u => u.Name).SingleAsync(Cancel));
        var account = await db.Accounts.SingleAsync(a => a.PlatformAccountId == "gh_nl", Cancel);
        Assert.Equal(("望岳\n优生活", "张三\t李四\n王五"), (account.Name, account.Operator));
    }

    [Fact]
    public async Task Import_ValidFiles_StoresEveryFieldAndUnitPaths()
    {
        var audits = await fixture.ScalarAsync("SELECT count(*) FROM audit_entries WHERE action = 'import.completed'");
        var result = await fixture.ImportBaseAsync();

        Assert.True(result.Succeeded, string.Join("; ", result.Files.SelectMany(f => f.Errors)));
        Assert.Equal(["units.csv", "accounts.csv", "posts.csv", "reads.csv"], result.Files.Select(f => f.File));
        Assert.Equal([3L, 2L, 2L, 2L], result.Files.Select(f => f.Inserted));
        await using var db = fixture.CreateContext();
        var county = await db.Units.SingleAsync(u => u.Code == "B-C", Cancel);
        var street = await db.Units.SingleAsync(u => u.Code == "B-S", Cancel);
        var community = await db.Units.SingleAsync(u => u.Code == "B-V", Cancel);
        Assert.Equal($"/{county.Id}/{street.Id}/{community.Id}/", community.Path);
        var account = await db.Accounts.SingleAsync(a => a.PlatformAccountId == "gh_wy", Cancel);
        Assert.Equal(street.Id, account.UnitId);
        Assert.Null(account.Operator);
        Assert.True(account.ProvidesServices);
        Assert.Equal(new DateOnly(2017, 6, 5), account.OpenedOn);
        var post = await db.Posts.SingleAsync(p => p.PlatformPostId == "p1", Cancel);
        Assert.Equal("内容, 带逗号 \"引号\"\n第二行", post.Content);
        Assert.False(post.IsOriginal);
        Assert.Equal(new DateTimeOffset(2019, 5, 8, 1, 30, 0, TimeSpan.Zero), post.PublishedAt);
        var hubPost = await db.Posts.SingleAsync(p => p.PlatformPostId == "h1", Cancel);
        Assert.True(hubPost.IsOriginal);
        Assert.Null(hubPost.Url);
        var snapshot = await db.ReadSnapshots.SingleAsync(r => r.PostId == post.Id, Cancel);
        Assert.Equal((43L, 2L, (long?)null), (snapshot.Reads, snapshot.Likes, snapshot.Shares));
        Assert.Equal(audits + 4, await fixture.ScalarAsync("SELECT count(*) FROM audit_entries WHERE action = 'import.completed'"));

        // Re-import: every row unchanged, not one row version written.
        var before = await fixture.FingerprintAsync();
        var again = await fixture.ImportBaseAsync();
        Assert.True(again.Succeeded);
        Assert.All(again.Files, f => Assert.Equal((0L, 0L, f.RowsRead), (f.Inserted, f.Updated, f.Unchanged)));
        Assert.Equal(before, await fixture.FingerprintAsync());

        // A changed row updates exactly that row.
        var postVersions = await PostVersionsAsync();
        var changed = await fixture.ImportAsync(("posts.csv",
            """
            platform,account_id,post_id,published_at,title,content,is_original,url
            wechat,gh_wy,p1,2019-05-08T09:30:00+08:00,新标题,"内容, 带逗号 ""引号""
            第二行",false,https://mp.weixin.qq.com/s/1
            wechat,gh_hub,h1,2019-05-07T08:00:00+08:00,标题,正文,,
            wechat,gh_hub,h2,2019-05-10T08:00:00+08:00,第二篇,正文二,,
            """));
        var file = Assert.Single(changed.Files);
        Assert.Equal((1L, 1L, 1L), (file.Inserted, file.Updated, file.Unchanged));
        var after = await PostVersionsAsync();
        Assert.NotEqual(postVersions["p1"], after["p1"]);
        Assert.Equal(postVersions["h1"], after["h1"]);
        Assert.Equal("新标题", await db.Posts.Where(p => p.PlatformPostId == "p1").Select(p => p.Title).SingleAsync(Cancel));

        var reads = await fixture.ImportAsync(("reads.csv",
            """
            platform,account_id,post_id,captured_at,reads,likes,shares
            wechat,gh_wy,p1,2019-05-09T09:30:00+08:00,44,2,
            wechat,gh_hub,h1,2019-05-08T16:00:00+08:00,1000,,
            """));
        Assert.Equal((0L, 1L, 1L), (reads.Files[0].Inserted, reads.Files[0].Updated, reads.Files[0].Unchanged));
    }

    [Fact]
    public async Task Import_AccountArrivingClosedOrChangingStatus_RecordsStatusChangeOnImportDay()
    {
        await fixture.ImportAsync(("units.csv", "code,name,level,parent_code\nS-C,某县,county,\n"));
        const string Header = "platform,account_id,name,unit_code,opened_on,operator,provides_services,is_hub,status\n";

        var first = await fixture.ImportAsync(("accounts.csv", Header + "douyin,st1,甲,S-C,2018-01-01,李,,,closed\ndouyin,st2,乙,S-C,2018-01-01,李,,,\n"));
        var again = await fixture.ImportAsync(("accounts.csv", Header + "douyin,st1,甲,S-C,2018-01-01,李,,,closed\ndouyin,st2,乙,S-C,2018-01-01,李,,,\n"));
        var merged = await fixture.ImportAsync(("accounts.csv", Header + "douyin,st1,甲,S-C,2018-01-01,李,,,closed\ndouyin,st2,乙,S-C,2018-01-01,李,,,merged\n"));

        Assert.Equal(1, first.Files[0].StatusChanges);
        Assert.Equal(0, again.Files[0].StatusChanges);
        Assert.Equal(1, merged.Files[0].StatusChanges);
        await using var db = fixture.CreateContext();
        var changes = await db.AccountStatusChanges
            .Join(db.Accounts, c => c.AccountId, a => a.Id, (c, a) => new { a.PlatformAccountId, c.Status, c.EffectiveOn, c.RecordedBy })
            .Where(c => c.PlatformAccountId.StartsWith("st"))
            .OrderBy(c => c.PlatformAccountId)
            .ToListAsync(Cancel);
        var today = new DateOnly(2026, 11, 23);
        Assert.Equal(
            [("st1", AccountStatus.Closed, today), ("st2", AccountStatus.Merged, today)],
            changes.Select(c => (c.PlatformAccountId, c.Status, c.EffectiveOn)));
        var st2 = await db.Accounts.SingleAsync(a => a.PlatformAccountId == "st2", Cancel);
        Assert.Equal((AccountStatus.Merged, (DateOnly?)today), (st2.Status, st2.StatusChangedOn));
    }

    [Fact]
    public async Task Import_Posts_QueuesFollowUpWorkForTheBackground_AndTheDrainRunsEveryListener()
    {
        await fixture.ImportAsync(
            ("units.csv", "code,name,level,parent_code\nL-C,某县,county,\n"),
            ("accounts.csv", "platform,account_id,name,unit_code,opened_on,operator,provides_services,is_hub,status\nweibo,l1,甲,L-C,2018-01-01,,,,\n"));
        await using var scope = fixture.Services.CreateAsyncScope();
        var work = scope.ServiceProvider.GetRequiredService<FollowUpWork>();
        await work.DrainAsync(null, Cancel);
        var calls = fixture.Listener.Calls;

        var rejected = await fixture.ImportAsync(("posts.csv", "platform,account_id,post_id,published_at,title,content,is_original,url\nweibo,l1,x,bad,,,,\n"));
        var nothingQueued = await work.BacklogAsync(Cancel);
        var stored = await fixture.ImportAsync(("posts.csv", "platform,account_id,post_id,published_at,title,content,is_original,url\nweibo,l1,x,2020-01-01T00:00:00+08:00,,,,\n"));
        var queued = await work.BacklogAsync(Cancel);
        var callsAfterImport = fixture.Listener.Calls;
        await work.DrainAsync(null, Cancel);

        Assert.False(rejected.Succeeded);
        Assert.True(stored.Succeeded);
        Assert.Equal(new FollowUpWork.Backlog(0, 0), nothingQueued);
        Assert.Equal(new FollowUpWork.Backlog(1, 1), queued); // committed and queued, not done in the import's call
        Assert.Equal(calls, callsAfterImport);
        Assert.Equal(calls + 1, fixture.Listener.Calls);
        Assert.Equal(new FollowUpWork.Backlog(0, 0), await work.BacklogAsync(Cancel));
    }

    [Fact]
    public async Task Import_UnitsParentsLaterInFileAndMoves_StoresTreeAndRecomputesPaths()
    {
        var result = await fixture.ImportAsync(("units.csv",
            "code,name,level,parent_code\nM-V,村,village,M-T\nM-T,镇,township,M-C\nM-C,县,county,\nM-T2,另一镇,township,M-C\n"));
        Assert.True(result.Succeeded, string.Join("; ", result.Files.SelectMany(f => f.Errors)));

        var moved = await fixture.ImportAsync(("units.csv", "code,name,level,parent_code\nM-V,村,village,M-T2\n"));

        Assert.Equal((0L, 1L), (moved.Files[0].Inserted, moved.Files[0].Updated));
        await using var db = fixture.CreateContext();
        var ids = await db.Units.Where(u => u.Code.StartsWith("M-")).ToDictionaryAsync(u => u.Code, u => u.Id, Cancel);
        var path = await db.Units.Where(u => u.Code == "M-V").Select(u => u.Path).SingleAsync(Cancel);
        Assert.Equal($"/{ids["M-C"]}/{ids["M-T2"]}/{ids["M-V"]}/", path);
    }

    [Fact]
    public async Task Import_NamesThatAreNotImportFiles_AreReportedNotGuessed()
    {
        var result = await fixture.ImportAsync(("units.csv", "code,name,level,parent_code\nN-C,县,county,\n"), ("units.xlsx", "not really"));

        Assert.False(result.Succeeded);
        Assert.Empty(result.Files);
        Assert.Contains(result.Problems, p => p.File.Contains("units.csv", StringComparison.Ordinal) && p.File.Contains("units.xlsx", StringComparison.Ordinal));
    }

    private async Task<Dictionary<string, string>> PostVersionsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new Npgsql.NpgsqlCommand("SELECT platform_post_id, xmin::text FROM posts", connection);
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var versions = new Dictionary<string, string>();
        while (await reader.ReadAsync(Cancel))
        {
            versions[reader.GetString(0)] = reader.GetString(1);
        }

        return versions;
    }
}
