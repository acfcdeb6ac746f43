using AccountRegistry.Application.Imports;

namespace AccountRegistry.Application.Tests.Imports;

/// <summary>interactions.csv and accounts.csv's v2 columns (spec/inspection.md) through the file import.</summary>
public sealed class InteractionImportTests(BaseDataFixture fixture) : IClassFixture<BaseDataFixture>
{
    private const string Header = "platform,account_id,message_id,kind,received_at,replied_at,needs_reply\n";

    [Fact]
    public async Task Import_InvalidInteractions_NamesEveryRowAndStoresNothing()
    {
        var content = Header +
            "wechat,gh_wy,x-ok,message,2026-11-20T09:00:00+08:00,,true\n" +
            "wechat,gh_wy,x-early,message,2026-11-20T09:00:00+08:00,2026-11-20T00:59:00Z,true\n" +
            "wechat,gh_nope,x-who,message,2026-11-20T09:00:00+08:00,,\n" +
            "wechat,gh_wy,x-ok,comment,2026-11-21T09:00:00+08:00,,\n" +
            "wechat,gh_wy,x-kind,letter,2026-11-20T09:00:00+08:00,,maybe\n" +
            "wechat,gh_wy,x-offset,message,2026-11-20 09:00:00,,\n";

        var result = await fixture.ImportAsync(("interactions.csv", content));

        var file = Assert.Single(result.Files);
        Assert.False(file.Accepted);
        Assert.Equal(
            [
                (3, "replied_at", ImportErrorCode.RepliedBeforeReceived),
                (4, "account_id", ImportErrorCode.UnknownAccount),
                (5, "message_id", ImportErrorCode.DuplicateKey),
                (6, "kind", ImportErrorCode.UnknownKind),
                (6, "needs_reply", ImportErrorCode.BadBoolean),
                (7, "received_at", ImportErrorCode.MissingOffset),
            ],
            file.Errors.Select(e => (e.Line, e.Column, e.Code)).OrderBy(e => e.Line).ThenBy(e => e.Column, StringComparer.Ordinal).ToList());
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM interactions WHERE message_id LIKE 'x-%'"));
    }

    [Fact]
    public async Task Import_SameFileTwiceThenWithReply_InsertsOnceThenUpdates()
    {
        var unanswered = Header + "wechat,gh_wy,u-1,,2026-11-20T09:00:00+08:00,,\nwechat,gh_hub,u-2,comment,2026-11-20T09:00:00+08:00,,false\n";
        var answered = Header + "wechat,gh_wy,u-1,,2026-11-20T09:00:00+08:00,2026-11-20T10:00:00+08:00,\n";

        var first = Assert.Single((await fixture.ImportAsync(("interactions.csv", unanswered))).Files);
        var again = Assert.Single((await fixture.ImportAsync(("interactions.csv", unanswered))).Files);
        var reply = Assert.Single((await fixture.ImportAsync(("interactions.csv", answered))).Files);

        Assert.Equal((2L, 0L), (first.Inserted, first.Updated));
        Assert.Equal((0L, 0L, 2L), (again.Inserted, again.Updated, again.Unchanged));
        Assert.Equal((0L, 1L), (reply.Inserted, reply.Updated));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM interactions WHERE message_id = 'u-1' AND replied_at = '2026-11-20T02:00:00Z' AND needs_reply AND kind = 'message'"));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM interactions WHERE message_id = 'u-2' AND NOT needs_reply AND kind = 'comment'"));
    }

    [Fact]
    public async Task Import_AccountsWithoutTheV2Columns_KeepsInteractiveAndFilingNo()
    {
        const string v2 = "platform,account_id,name,unit_code,opened_on,operator,provides_services,is_hub,status,interactive,filing_no\n" +
            "weibo,wb_v2,备案号,B-C,2020-01-01,张敏,,,,false,湘-0042\n";
        const string v1 = "platform,account_id,name,unit_code,opened_on,operator,provides_services,is_hub,status\n" +
            "weibo,wb_v2,改名了,B-C,2020-01-01,张敏,,,\n";
        const string cleared = "filing_no,interactive,platform,account_id,name,unit_code,opened_on,operator,provides_services,is_hub,status\n" +
            ",,weibo,wb_v2,改名了,B-C,2020-01-01,张敏,,,\n";

        Assert.True((await fixture.ImportAsync(("accounts.csv", v2))).Succeeded);
        Assert.True((await fixture.ImportAsync(("accounts.csv", v1))).Succeeded);
        var afterV1 = await fixture.ScalarAsync("SELECT count(*) FROM accounts WHERE platform_account_id = 'wb_v2' AND name = '改名了' AND NOT interactive AND filing_no = '湘-0042'");
        Assert.True((await fixture.ImportAsync(("accounts.csv", cleared))).Succeeded);
        var afterCleared = await fixture.ScalarAsync("SELECT count(*) FROM accounts WHERE platform_account_id = 'wb_v2' AND interactive AND filing_no IS NULL");

        Assert.Equal(1, afterV1);
        Assert.Equal(1, afterCleared);
    }
}
