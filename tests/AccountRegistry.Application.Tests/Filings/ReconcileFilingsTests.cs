using AccountRegistry.Application.Common;
using AccountRegistry.Application.Filings;
using AccountRegistry.Application.Imports;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Infrastructure.Identity;
using MiniExcelLibs;

namespace AccountRegistry.Application.Tests.Filings;

/// <summary>`registry reconcile` and the reconcile page's comparison (spec/inspection.md, filings.csv).</summary>
public sealed class ReconcileFilingsTests(FilingFixture fixture) : IClassFixture<FilingFixture>
{
    private static (string, string) Key(Platform platform, string id) => (platform.ToCode(), id);

    [Fact]
    public async Task Reconcile_FileWithEveryKindOfDifference_ListsThreeSortedListsAndChangesNothing()
    {
        var before = await fixture.FingerprintAsync();

        var result = await fixture.ReconcileAsync("filings.csv", FilingFixture.Filings);

        Assert.True(result.Valid);
        Assert.Equal(9, result.Rows);

        // Live and absent: ks_2 is closed, so not to be filed; sorted by platform then account_id.
        Assert.Equal([("kuaishou", "ks_0"), ("kuaishou", "ks_1"), ("wechat", "gh_z")], result.NotFiledHere.Select(r => Key(r.Platform, r.AccountKey)));
        Assert.Equal([("douyin", "dy_0"), ("toutiao", "tt_9")], result.Unknown.Select(r => Key(r.Platform, r.AccountKey)));

        // gh_b differs only by white space, 123 is closed on both sides, 124 (merged here) is closed there: none listed.
        Assert.Equal(
            [("bilibili", "bl_1", "filing_no"), ("douyin", "dy_1", "filing_no,name,status,unit_code")],
            result.Mismatches.Select(r => (r.Platform.ToCode(), r.AccountKey, string.Join(',', r.Fields))));
        var changed = result.Mismatches[1];
        Assert.Equal(new ReconcileFilings.Values("望岳抖音", "B-S", "F-5", FilingStatus.Active), changed.Ours);
        Assert.Equal(new ReconcileFilings.Values("岳麓抖音", "B-C", "F-50", FilingStatus.Closed), changed.Theirs);
        Assert.Equal(7, changed.Line);

        Assert.Equal(before, await fixture.FingerprintAsync());
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM audit_entries WHERE action LIKE '%filing%'"));
    }

    [Fact]
    public async Task Reconcile_SameAccountTwice_IsAnErrorNamingBothRows()
    {
        var content = "platform,account_id,name,unit_code,filing_no,status\n" +
            "wechat,gh_a,望岳发布,B-S,F-1,active\n" +
            "weibo,123,银杉社区,B-V,F-3,closed\n" +
            "wechat, gh_a,望岳发布,B-S,F-1b,active\n";

        var result = await fixture.ReconcileAsync("filings.csv", content);

        Assert.False(result.Valid);
        var error = Assert.Single(result.Errors);
        Assert.Equal((4, "account_id", ImportErrorCode.DuplicateKey), (error.Line, error.Column, error.Code));
        Assert.Contains("line 2", error.Reason, StringComparison.Ordinal);
        Assert.Empty(result.NotFiledHere);
        Assert.Empty(result.Mismatches);
    }

    [Fact]
    public async Task Reconcile_BadRows_NamesEveryRowAndFieldAndChangesNothing()
    {
        var before = await fixture.FingerprintAsync();
        var content = "status,platform,account_id,name,unit_code,filing_no\n" +
            "active,wechat,gh_a,望岳发布,B-S,F-1\n" +
            "active,myspace,x1,某,B-S,F-2\n" +
            "deleted,weibo,,某,B-S,F-3\n" +
            "merged,weibo,125,某,B-S," + new string('9', 65) + "\n";

        var result = await fixture.ReconcileAsync("filings.csv", content);

        Assert.False(result.Valid);
        Assert.Equal(
            [
                (3, "platform", ImportErrorCode.UnknownPlatform),
                (4, "account_id", ImportErrorCode.Required),
                (4, "status", ImportErrorCode.UnknownStatus),
                (5, "filing_no", ImportErrorCode.TooLong),
                (5, "status", ImportErrorCode.UnknownStatus),
            ],
            result.Errors.Select(e => (e.Line, e.Column, e.Code)).OrderBy(e => e.Line).ThenBy(e => e.Column, StringComparer.Ordinal));
        Assert.Equal(before, await fixture.FingerprintAsync());
    }

    [Fact]
    public async Task Reconcile_WrongHeader_SaysWhichColumn()
    {
        var result = await fixture.ReconcileAsync("filings.csv", "platform,account_id,name,unit_code,filing_no,state\nwechat,gh_a,a,B-S,F,active\n");

        Assert.False(result.Valid);
        Assert.Contains(result.Errors, e => e.Code == ImportErrorCode.UnexpectedColumn && e.Column == "state");
        Assert.Contains(result.Errors, e => e.Code == ImportErrorCode.MissingColumn && e.Column == "status");
    }

    [Fact]
    public async Task Reconcile_Spreadsheet_GivesTheSameListsAsTheCsv()
    {
        var rows = FilingFixture.Filings.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => ParseSimple(line))
            .Select(f => new Dictionary<string, object?>
            {
                ["platform"] = f[0], ["account_id"] = f[1], ["name"] = f[2], ["unit_code"] = f[3], ["filing_no"] = f[4], ["status"] = f[5],
            })
            .ToList();
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, cancellationToken: TestContext.Current.CancellationToken);

        var xlsx = await fixture.ReconcileBytesAsync("省备案导出.xlsx", stream.ToArray());
        var csv = await fixture.ReconcileAsync("filings.csv", FilingFixture.Filings);

        Assert.True(xlsx.Valid, string.Join("; ", xlsx.Errors));
        Assert.Equal(csv.NotFiledHere, xlsx.NotFiledHere);
        Assert.Equal(csv.Unknown.Select(u => (u.Platform, u.AccountKey)), xlsx.Unknown.Select(u => (u.Platform, u.AccountKey)));
        Assert.Equal(csv.Mismatches.Select(m => (m.AccountKey, string.Join(',', m.Fields))), xlsx.Mismatches.Select(m => (m.AccountKey, string.Join(',', m.Fields))));
    }

    [Fact]
    public async Task Reconcile_ReviewerOfOneStreet_ComparesOnlyItsAccounts()
    {
        var street = await fixture.QueryAsync(db => Task.FromResult(db.Units.Single(u => u.Code == "B-S")));
        var reviewer = new UserScope("reviewer.street", new HashSet<string>([Roles.Reviewer]), street.Id, street.Path);

        var result = await fixture.ReconcileAsync("filings.csv", FilingFixture.Filings, reviewer);

        // The county's hub lies outside the street: for this reviewer it is not stored "here".
        Assert.Contains(result.Unknown, u => u.AccountKey == "gh_hub");
        Assert.Equal([("kuaishou", "ks_0"), ("kuaishou", "ks_1"), ("wechat", "gh_z")], result.NotFiledHere.Select(r => Key(r.Platform, r.AccountKey)));
        Assert.DoesNotContain(result.Mismatches, m => m.AccountKey == "gh_hub");
    }

    [Fact]
    public async Task Reconcile_Clerk_IsRefused()
    {
        var clerk = new UserScope("clerk", new HashSet<string>([Roles.Clerk]), 1, "/1/");

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => fixture.ReconcileAsync("filings.csv", FilingFixture.Filings, clerk));
    }

    /// <summary>The fixture's lines: commas split fields, a quoted field keeps its commas-free content.</summary>
    private static string[] ParseSimple(string line) =>
        [.. line.Split(',').Select(f => f.Trim('"'))];
}
