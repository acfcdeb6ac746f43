using AccountRegistry.Application.Imports;

namespace AccountRegistry.Application.Tests.Imports;

/// <summary>Rows that are stored but deserve a look: cumulative figures that go down come back as warnings with line and field.</summary>
public sealed class ImportWarningTests(BaseDataFixture fixture) : IClassFixture<BaseDataFixture>
{
    private const string ReadsHeader = "platform,account_id,post_id,captured_at,reads,likes,shares\n";

    [Fact]
    public async Task Import_ReadsThatGoDown_AreStoredAndReportedAsWarnings()
    {
        // Stored: h1 has 1,000 reads at 2019-05-08T08:00Z.
        var result = await fixture.ImportAsync(("reads.csv", ReadsHeader
            + "wechat,gh_hub,h1,2019-05-10T08:00:00+08:00,10,,\n"
            + "wechat,gh_hub,h1,2019-05-11T08:00:00+08:00,20,5,\n"
            + "wechat,gh_hub,h1,2019-05-12T08:00:00+08:00,30,3,\n"));

        var file = Assert.Single(result.Files);
        Assert.True(file.Accepted);
        Assert.Equal(3, file.Inserted);
        Assert.Collection(
            file.RowWarnings,
            w => Assert.Equal((2, "reads", "10", ImportErrorCode.FigureDecreased), (w.Line, w.Column, w.Value, w.Code)),
            w => Assert.Equal((3, "likes", "5", ImportErrorCode.FigureDecreased), (w.Line, w.Column, w.Value, w.Code)),
            w => Assert.Equal((4, "likes", "3", ImportErrorCode.FigureDecreased), (w.Line, w.Column, w.Value, w.Code)));
        Assert.Contains("1,000", file.RowWarnings[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ReadsThatGrow_GiveNoWarning()
    {
        var result = await fixture.ImportAsync(("reads.csv", ReadsHeader
            + "wechat,gh_wy,p1,2019-05-10T09:30:00+08:00,50,2,1\n"
            + "wechat,gh_wy,p1,2019-05-11T09:30:00+08:00,50,3,1\n"));

        var file = Assert.Single(result.Files);
        Assert.True(file.Accepted);
        Assert.Empty(file.RowWarnings);
    }
}
