using AccountRegistry.Application.Imports;
using AccountRegistry.Domain.Accounts;

namespace AccountRegistry.Application.Tests.Imports;

/// <summary>
/// Every kind of bad row yields its error at the right line and column, and the file stores nothing: the database is
/// byte-for-byte (and row-version-for-row-version) what it was.
/// </summary>
public sealed class ImportValidationTests(BaseDataFixture fixture) : IClassFixture<BaseDataFixture>
{
    private const string UnitsHeader = "code,name,level,parent_code\n";
    private const string AccountsHeader = "platform,account_id,name,unit_code,opened_on,operator,provides_services,is_hub,status\n";
    private const string PostsHeader = "platform,account_id,post_id,published_at,title,content,is_original,url\n";
    private const string ReadsHeader = "platform,account_id,post_id,captured_at,reads,likes,shares\n";

    public static TheoryData<string, string, string, int, string, ImportErrorCode> BadFiles => new()
    {
        // case, file, content, line, column, code
        { "unknown level", "units.csv", UnitsHeader + "X1,甲,city,B-C\n", 2, "level", ImportErrorCode.UnknownLevel },
        { "non-county without parent", "units.csv", UnitsHeader + "X2,甲,street,\n", 2, "parent_code", ImportErrorCode.Required },
        { "missing parent", "units.csv", UnitsHeader + "X0,好,street,B-C\nX3,甲,street,NOPE\n", 3, "parent_code", ImportErrorCode.UnknownParent },
        { "duplicate unit code", "units.csv", UnitsHeader + "X4,甲,street,B-C\nX4,乙,street,B-C\n", 3, "code", ImportErrorCode.DuplicateKey },
        { "cycle inside the file", "units.csv", UnitsHeader + "X5,甲,street,X6\nX6,乙,street,X5\n", 2, "parent_code", ImportErrorCode.UnitCycle },
        { "cycle through stored units", "units.csv", UnitsHeader + "B-C,岳麓区人民政府,county,B-V\n", 2, "parent_code", ImportErrorCode.UnitCycle },
        { "missing unit name", "units.csv", UnitsHeader + "X7,,street,B-C\n", 2, "name", ImportErrorCode.Required },
        { "unknown platform", "accounts.csv", AccountsHeader + "weixin,gh_x,名,B-C,2020-01-01,,,,\n", 2, "platform", ImportErrorCode.UnknownPlatform },
        { "bad date", "accounts.csv", AccountsHeader + "wechat,gh_ok,名,B-C,2020-01-01,,,,\nwechat,gh_x,名,B-C,2020-13-01,,,,\n", 3, "opened_on", ImportErrorCode.BadDate },
        { "bad boolean", "accounts.csv", AccountsHeader + "wechat,gh_x,名,B-C,2020-01-01,,yes,,\n", 2, "provides_services", ImportErrorCode.BadBoolean },
        { "unknown status", "accounts.csv", AccountsHeader + "wechat,gh_x,名,B-C,2020-01-01,,,,deleted\n", 2, "status", ImportErrorCode.UnknownStatus },
        { "unknown unit", "accounts.csv", AccountsHeader + "wechat,gh_x,名,NOPE,2020-01-01,,,,\n", 2, "unit_code", ImportErrorCode.UnknownUnit },
        { "duplicate account", "accounts.csv", AccountsHeader + "wechat,gh_x,名,B-C,2020-01-01,,,,\nwechat,gh_x,另,B-S,2020-01-01,,,,\n", 3, "account_id", ImportErrorCode.DuplicateKey },
        { "timestamp without offset", "posts.csv", PostsHeader + "wechat,gh_wy,p77,2019-05-08T09:30:00+08:00,t,c,,\nwechat,gh_wy,p78,2019-05-08 09:30:00,t,c,,\n", 3, "published_at", ImportErrorCode.MissingOffset },
        { "bad timestamp", "posts.csv", PostsHeader + "wechat,gh_wy,p78,08/05/2019,t,c,,\n", 2, "published_at", ImportErrorCode.BadTimestamp },
        { "unknown account", "posts.csv", PostsHeader + "wechat,gh_wy,p77,2019-05-08T09:30:00+08:00,t,c,,\nwechat,gh_nope,p1,2019-05-08T09:30:00+08:00,t,c,,\n", 3, "account_id", ImportErrorCode.UnknownAccount },
        { "duplicate post", "posts.csv", PostsHeader + "wechat,gh_wy,p9,2019-05-08T09:30:00+08:00,t,c,,\nwechat,gh_wy,p9,2019-05-09T09:30:00+08:00,t,c,,\n", 3, "post_id", ImportErrorCode.DuplicateKey },
        { "bad is_original", "posts.csv", PostsHeader + "wechat,gh_wy,p9,2019-05-08T09:30:00+08:00,t,c,maybe,\n", 2, "is_original", ImportErrorCode.BadBoolean },
        { "negative reads", "reads.csv", ReadsHeader + "wechat,gh_wy,p1,2019-06-01T00:00:00+08:00,-5,,\n", 2, "reads", ImportErrorCode.Negative },
        { "fractional likes", "reads.csv", ReadsHeader + "wechat,gh_wy,p1,2019-06-01T00:00:00+08:00,5,1.5,\n", 2, "likes", ImportErrorCode.BadInteger },
        { "missing reads", "reads.csv", ReadsHeader + "wechat,gh_wy,p1,2019-06-01T00:00:00+08:00,,,\n", 2, "reads", ImportErrorCode.Required },
        { "unknown post", "reads.csv", ReadsHeader + "wechat,gh_wy,p1,2019-06-01T00:00:00+08:00,50,,\nwechat,gh_wy,p404,2019-06-01T00:00:00+08:00,5,,\n", 3, "post_id", ImportErrorCode.UnknownPost },
        { "read of unknown account", "reads.csv", ReadsHeader + "wechat,gh_nope,p1,2019-06-01T00:00:00+08:00,5,,\n", 2, "account_id", ImportErrorCode.UnknownAccount },
        { "duplicate snapshot, same instant in two offsets", "reads.csv", ReadsHeader + "wechat,gh_wy,p1,2019-06-01T09:30:00+08:00,50,,\nwechat,gh_wy,p1,2019-06-01T01:30:00Z,51,,\n", 3, "captured_at", ImportErrorCode.DuplicateKey },
        { "missing column", "posts.csv", "platform,account_id,post_id,published_at,title,content,is_original\nwechat,gh_wy,p9,2019-05-08T09:30:00+08:00,t,c,\n", 1, "url", ImportErrorCode.MissingColumn },
        { "extra column", "reads.csv", "platform,account_id,post_id,captured_at,reads,likes,shares,comments\nwechat,gh_wy,p1,2019-06-01T00:00:00+08:00,5,,,1\n", 1, "comments", ImportErrorCode.UnexpectedColumn },
        { "repeated column", "units.csv", "code,name,level,parent_code,name\nX1,甲,street,B-C,乙\n", 1, "name", ImportErrorCode.DuplicateColumn },
        { "too few fields", "reads.csv", ReadsHeader + "wechat,gh_wy,p1,2019-06-01T00:00:00+08:00,5,\n", 2, "*", ImportErrorCode.FieldCount },
        { "line numbers count the lines inside quotes", "posts.csv", PostsHeader + "wechat,gh_wy,p9,2019-05-08T09:30:00+08:00,t,\"一\n二\r\n三\",,\nwechat,gh_wy,p10,yesterday,t,c,,\n", 5, "published_at", ImportErrorCode.BadTimestamp },
        { "unterminated quote", "posts.csv", PostsHeader + "wechat,gh_wy,p9,2019-05-08T09:30:00+08:00,t,\"一\n二\",,\nwechat,gh_wy,p10,2019-05-08T09:30:00+08:00,t,\"never closed,,\n", 4, "*", ImportErrorCode.UnterminatedQuote },
        { "post dated 1900", "posts.csv", PostsHeader + "wechat,gh_wy,p91,1900-01-01T00:00:00+08:00,t,c,,\n", 2, "published_at", ImportErrorCode.ImplausibleTime },
        { "snapshot before its post", "reads.csv", ReadsHeader + "wechat,gh_wy,p1,2019-05-08T09:30:00+08:00,50,,\nwechat,gh_wy,p1,2019-05-01T00:00:00+08:00,5,,\n", 3, "captured_at", ImportErrorCode.BeforePost },
        { "title over its limit", "posts.csv", PostsHeader + "wechat,gh_wy,p93,2019-05-08T09:30:00+08:00," + new string('题', ImportLimits.TitleLength + 1) + ",c,,\n", 2, "title", ImportErrorCode.TooLong },
        { "content of a megabyte", "posts.csv", PostsHeader + "wechat,gh_wy,p94,2019-05-08T09:30:00+08:00,t," + new string('文', 1 << 20) + ",,\n", 2, "content", ImportErrorCode.TooLong },
        { "right-to-left override in an account name", "accounts.csv", AccountsHeader + "wechat,gh_x,探针\u202Eexe.fdp\u202C四,B-C,2020-01-01,,,,\n", 2, "name", ImportErrorCode.InvalidText },
        { "isolate in an account id", "accounts.csv", AccountsHeader + "wechat,gh_\u2066x,名,B-C,2020-01-01,,,,\n", 2, "account_id", ImportErrorCode.InvalidText },
        { "bidi mark in a unit code", "units.csv", UnitsHeader + "X\u200F1,甲,street,B-C\n", 2, "code", ImportErrorCode.InvalidText },
        { "NUL in a platform code (echoed in the reason)", "posts.csv", PostsHeader + "wech\0at,gh_wy,p96,2019-05-08T09:30:00+08:00,t,c,,\n", 2, "platform", ImportErrorCode.UnknownPlatform },
        { "NUL in a timestamp (echoed in the reason)", "reads.csv", ReadsHeader + "wechat,gh_wy,p1,2019-06-01\0T00:00:00+08:00,5,,\n", 2, "captured_at", ImportErrorCode.BadTimestamp },
        { "blank lines still count", "units.csv", UnitsHeader + "\nX8,甲,street,B-C\n\nX9,乙,hamlet,B-C\n", 5, "level", ImportErrorCode.UnknownLevel },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Import_InvalidRow_ReportsLineAndColumnAndStoresNothing(string description, string file, string content, int line, string column, ImportErrorCode code)
    {
        var before = await fixture.FingerprintAsync();
        var listenerCalls = fixture.Listener.Calls;

        var result = await fixture.ImportAsync((file, content));

        Assert.False(result.Succeeded, description);
        var imported = Assert.Single(result.Files);
        Assert.False(imported.Accepted);
        Assert.Contains(imported.Errors, e => e.Line == line && e.Column == column && e.Code == code && e.File == file);
        Assert.Equal(0, imported.Inserted + imported.Updated);
        Assert.Equal(before, await fixture.FingerprintAsync());
        Assert.Equal(listenerCalls, fixture.Listener.Calls);
    }

    [Fact]
    public async Task Import_FileWithManyBadRows_ReportsEveryRowWithValueAndReason()
    {
        var content = PostsHeader
            + "wechat,gh_wy,p20,2019-05-08T09:30:00,t,c,,\n"
            + "wechat,gh_wy,p21,2019-05-08T09:30:00+08:00,t,c,,\n"
            + "qq,gh_wy,p22,2019-05-08T09:30:00+08:00,t,c,nope,\n"
            + "wechat,gh_zz,p23,2019-05-08T09:30:00+08:00,t,c,,\n";

        var result = await fixture.ImportAsync(("posts.csv", content));

        var errors = Assert.Single(result.Files).Errors;
        Assert.Collection(
            errors,
            e => Assert.Equal((2, "published_at", "2019-05-08T09:30:00", ImportErrorCode.MissingOffset), (e.Line, e.Column, e.Value, e.Code)),
            e => Assert.Equal((4, "platform", "qq", ImportErrorCode.UnknownPlatform), (e.Line, e.Column, e.Value, e.Code)),
            e => Assert.Equal((4, "is_original", "nope", ImportErrorCode.BadBoolean), (e.Line, e.Column, e.Value, e.Code)),
            e => Assert.Equal((5, "account_id", "gh_zz", ImportErrorCode.UnknownAccount), (e.Line, e.Column, e.Value, e.Code)));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
        // The detail is the fact the reason adds, without words, for the Chinese screens to say in Chinese.
        var platforms = string.Join(", ", Enum.GetValues<Platform>().Select(p => p.ToCode()));
        Assert.Equal(["2019-05-08T09:30:00+08:00", platforms, null, null], errors.Select(e => e.Detail));
    }

    [Fact]
    public async Task Import_DuplicateKeyAndTooLongValue_NameTheFirstLineAndTheLimitAsDetail()
    {
        var content = PostsHeader
            + "wechat,gh_wy,dup-1,2019-05-08T09:30:00+08:00,t,c,,\n"
            + "wechat,gh_wy,dup-1,2019-05-08T09:30:00+08:00,t,c,,\n"
            + $"wechat,gh_wy,long-1,2019-05-08T09:30:00+08:00,{new string('长', 1001)},c,,\n";

        var errors = Assert.Single((await fixture.ImportAsync(("posts.csv", content))).Files).Errors;

        Assert.Contains(errors, e => e is { Line: 3, Code: ImportErrorCode.DuplicateKey, Detail: "2" });
        Assert.Contains(errors, e => e is { Line: 4, Column: "title", Code: ImportErrorCode.TooLong, Detail: "1000" });
    }

    [Fact]
    public async Task Import_TitleWithBidiControls_IsStoredAsWritten()
    {
        const string Title = "通知\u202Egpj.exe\u202C";
        var result = await fixture.ImportAsync(("posts.csv", PostsHeader + $"wechat,gh_wy,bidi-1,2019-05-08T09:30:00+08:00,{Title},c,,\n"));

        Assert.True(result.Succeeded, string.Join("; ", result.Files.SelectMany(f => f.Errors)));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM posts WHERE title = E'通知\\u202Egpj.exe\\u202C'"));
    }

    [Fact]
    public async Task Import_FieldOfTenMillionCharacters_IsRefusedWithoutKeepingIt()
    {
        var content = PostsHeader + "wechat,gh_wy,p95,2019-05-08T09:30:00+08:00,t,\"" + new string('长', 10_000_000) + "\",,\n";

        var result = await fixture.ImportAsync(("posts.csv", content));

        var error = Assert.Single(Assert.Single(result.Files).Errors);
        Assert.Equal((2, "content", ImportErrorCode.TooLong), (error.Line, error.Column, error.Code));
        Assert.True(error.Value!.Length <= ImportErrorList.MaxValueLength + 1);
    }

    [Fact]
    public async Task Import_WorkbookWithAHugeCell_IsRefusedBeforeTheSheetIsRead()
    {
        using var workbook = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(workbook, new[]
        {
            new Dictionary<string, object?>
            {
                ["platform"] = "wechat", ["account_id"] = "gh_wy", ["post_id"] = "x1", ["published_at"] = "2019-05-08T09:30:00+08:00",
                ["title"] = "t", ["content"] = new string('长', 3_000_000), ["is_original"] = "true", ["url"] = null,
            },
        });
        var before = await fixture.FingerprintAsync();

        var result = await ImportFixture.ImportBytesAsync(fixture.Services, ("posts.xlsx", workbook.ToArray()));

        var error = Assert.Single(Assert.Single(result.Files).Errors);
        // Row 2 when the cell holds its text, 0 (the workbook) when the text sits in the shared-string table.
        Assert.Contains(error.Line, new[] { 0, 2 });
        Assert.Equal((ImportError.WholeRecord, ImportErrorCode.TooLong), (error.Column, error.Code));
        Assert.Contains("not read further", error.Reason, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.FingerprintAsync());
    }

    [Fact]
    public async Task Import_OneBadFileAmongGoodOnes_StoresTheGoodFilesOnly()
    {
        const string RejectedAccounts = "SELECT count(*) FROM audit_entries WHERE action = 'import.rejected' AND entity_id = 'accounts.csv'";
        var rejectedBefore = await fixture.ScalarAsync(RejectedAccounts);
        var result = await fixture.ImportAsync(
            ("units.csv", UnitsHeader + "Y1,新社区,community,B-S\n"),
            ("accounts.csv", AccountsHeader + "weibo,wb_y1,新社区微博,Y1,2021-01-01,,,,\nweibo,wb_y2,坏,Y1,2021-02-30,,,,\n"));

        Assert.False(result.Succeeded);
        Assert.True(result.Files[0].Accepted);
        Assert.Equal(1, result.Files[0].Inserted);
        Assert.False(result.Files[1].Accepted);
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM units WHERE code = 'Y1'"));
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM accounts WHERE platform_account_id LIKE 'wb_y%'"));
        Assert.Equal(rejectedBefore + 1, await fixture.ScalarAsync(RejectedAccounts));
    }
}
