using AccountRegistry.Application.Imports;

namespace AccountRegistry.Application.Tests.Imports;

/// <summary>Rows that are stored but deserve a look: cumulative figures that go down come back as warnings with line and field.</summary>
public sealed class ImportWarningTests(BaseDataFixture fixture) : IClassFixture<BaseDataFixture>
{
    private const string PostsHeader = "platform,account_id,post_id,published_at,title,content,is_original,url\n";
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

    /// <summary>
    /// spec/rules.md: "Posts and snapshots dated after T are ignored", and evaluate's T defaults to today, so a row dated
    /// after today is part of the spec's model; spec/interchange.md makes a row invalid for its types and unknown
    /// references, not for its date. Such rows are stored (the rules pass them over until their day) and flagged.
    /// </summary>
    [Fact]
    public async Task Import_PostAndSnapshotDatedAfterToday_AreStoredWithAWarning()
    {
        // The fixture's clock reads 2026-11-23T10:00+08:00.
        var posts = await fixture.ImportAsync(("posts.csv", PostsHeader
            + "wechat,gh_wy,fut1,2026-11-24T09:00:00+08:00,t,c,,\n"
            + "wechat,gh_wy,fut2,9999-12-31T00:00:00+08:00,t,c,,\n"));
        var reads = await fixture.ImportAsync(("reads.csv", ReadsHeader + "wechat,gh_wy,fut1,2026-11-25T09:00:00+08:00,5,,\n"));

        var postFile = Assert.Single(posts.Files);
        Assert.True(postFile.Accepted, string.Join("; ", postFile.Errors));
        Assert.Equal(2, postFile.Inserted);
        Assert.Collection(
            postFile.RowWarnings,
            w => Assert.Equal((2, "published_at", ImportErrorCode.ImplausibleTime), (w.Line, w.Column, w.Code)),
            w => Assert.Equal((3, "published_at", ImportErrorCode.ImplausibleTime), (w.Line, w.Column, w.Code)));
        var readFile = Assert.Single(reads.Files);
        Assert.True(readFile.Accepted, string.Join("; ", readFile.Errors));
        Assert.Equal(1, readFile.Inserted);
        var warning = Assert.Single(readFile.RowWarnings);
        Assert.Equal((2, "captured_at", ImportErrorCode.ImplausibleTime), (warning.Line, warning.Column, warning.Code));
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
