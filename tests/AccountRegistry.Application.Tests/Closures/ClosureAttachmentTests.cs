using System.Text;
using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Tests.Closures;

public sealed class ClosureAttachmentTests(ClosureFixture county) : IClassFixture<ClosureFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RenamedExe_IsRefusedWithAClearMessage_AndNothingIsStored()
    {
        var (harness, id) = await DraftAsync("望岳附件一");
        var exe = Encoding.ASCII.GetBytes("MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0This program cannot be run in DOS mode.");

        var error = await Assert.ThrowsAsync<ClosureException>(() => harness.UploadProofAsync(id, county.ClerkWangyue, exe, "注销截图.png"));

        Assert.Equal(ClosureError.AttachmentIsExecutable, error.Error);
        Assert.Contains("注销截图.png", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await AttachmentCountAsync(id));
    }

    [Fact]
    public async Task OversizeFile_IsRefused_WhetherDeclaredOrNot()
    {
        var (harness, id) = await DraftAsync("望岳附件二");
        var big = new byte[FileSignature.MaxAttachmentBytes + 1];
        ClosureHarness.Png.CopyTo(big, 0);

        var undeclared = await Assert.ThrowsAsync<ClosureException>(() => harness.UploadProofAsync(id, county.ClerkWangyue, big, "big.png"));
        var declared = await Assert.ThrowsAsync<ClosureException>(() => harness.Attachments.UploadAsync(
            new ClosureAttachments.Upload(id, AttachmentPurpose.Proof, "big.pdf", 50_000_000, new MemoryStream(ClosureHarness.Png)), county.ClerkWangyue, Ct));

        Assert.Equal(ClosureError.AttachmentTooLarge, undeclared.Error);
        Assert.Equal(ClosureError.AttachmentTooLarge, declared.Error);
        Assert.Equal(0, await AttachmentCountAsync(id));
    }

    [Fact]
    public async Task Png_IsStoredWithItsHash_AndServedToThoseWhoMaySeeTheRequest()
    {
        var (harness, id) = await DraftAsync("望岳附件三");

        var attachmentId = await harness.UploadProofAsync(id, county.ClerkWangyue, ClosureHarness.Png, "C:\\fakepath\\确认.png");

        var mine = await harness.Attachments.DownloadAsync(id, attachmentId, county.ClerkWangyue, Ct);
        var reviewers = await harness.Attachments.DownloadAsync(id, attachmentId, county.Reviewer, Ct);
        var leaders = await harness.Attachments.DownloadAsync(id, attachmentId, county.Leader, Ct);
        Assert.Equal("确认.png", mine.FileName);
        Assert.Equal("image/png", mine.ContentType);
        Assert.Equal(ClosureHarness.Png, mine.Content);
        Assert.Equal(ClosureHarness.Png, reviewers.Content);
        Assert.Equal(ClosureHarness.Png, leaders.Content);
        var sha = await county.QueryAsync(db => db.ClosureAttachments.Where(a => a.Id == attachmentId).Select(a => a.Sha256).SingleAsync(Ct));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ClosureHarness.Png)), sha);
    }

    [Fact]
    public async Task AnotherUnitsClerk_CanNeitherDownloadNorListNorUpload()
    {
        var (harness, id) = await DraftAsync("望岳附件四");
        var attachmentId = await harness.UploadProofAsync(id, county.ClerkWangyue);

        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => harness.Attachments.DownloadAsync(id, attachmentId, county.ClerkLianhua, Ct));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => harness.UploadProofAsync(id, county.ClerkLianhua));
        Assert.Empty(await harness.Attachments.ListAsync(id, county.ClerkLianhua, Ct));
        Assert.Single(await harness.Attachments.ListAsync(id, county.ClerkWangyue, Ct));

        // Guessing the pair wrongly (another request's id with this attachment) finds nothing either.
        var (_, otherId) = await DraftAsync("望岳附件五");
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => harness.Attachments.DownloadAsync(otherId, attachmentId, county.ClerkWangyue, Ct));
    }

    [Fact]
    public async Task ReviewerAndLeader_CannotAttach_NorCanAnyoneAfterDeregistration()
    {
        var harness = county.Harness();
        var account = await county.Build.AccountAsync(county.Wangyue, "望岳附件六", Platform.Douyin);
        var id = await harness.DeregisteredAsync(account, county);

        var reviewer = await Assert.ThrowsAsync<ClosureException>(() => harness.UploadProofAsync(id, county.Reviewer));
        var clerkTooLate = await Assert.ThrowsAsync<ClosureException>(() => harness.UploadProofAsync(id, county.ClerkWangyue));

        Assert.Equal(ClosureError.IllegalTransition, reviewer.Error);
        Assert.Equal(ClosureError.IllegalTransition, clerkTooLate.Error);
    }

    private async Task<(ClosureHarness Harness, int Id)> DraftAsync(string name)
    {
        var harness = county.Harness();
        var account = await county.Build.AccountAsync(county.Wangyue, name, Platform.Weibo);
        return (harness, await harness.File.HandleAsync(harness.CloseCommand(account, submit: false), county.ClerkWangyue, Ct));
    }

    private Task<int> AttachmentCountAsync(int id) =>
        county.QueryAsync(db => db.ClosureAttachments.CountAsync(a => a.RequestId == id, Ct));
}
