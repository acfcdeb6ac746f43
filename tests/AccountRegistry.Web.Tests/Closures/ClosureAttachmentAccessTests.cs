using System.Net;
using AccountRegistry.Application.Closures;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using ClosureLabels = AccountRegistry.Web.Components.Pages.Closures.ClosureLabels;

namespace AccountRegistry.Web.Tests.Closures;

[Collection(ClosureCollection.Name)]
public sealed class ClosureAttachmentAccessTests(RegistryWebApp app)
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Attachment_IsServedToTheOwningClerkAndTheDistrict_AndIsNotFoundForAnotherTownshipsClerk()
    {
        var (requestId, attachmentId) = await ClosureWebSupport.RequestWithAttachmentAsync(app, "望岳附件访问测试");
        var path = $"closures/{requestId}/attachments/{attachmentId}";
        using var owner = await LoginClient.SignInAsync(app.BaseAddress, "clerk.wangyue");
        using var reviewer = await LoginClient.SignInAsync(app.BaseAddress, "reviewer");
        using var leader = await LoginClient.SignInAsync(app.BaseAddress, "leader");
        using var otherClerk = await LoginClient.SignInAsync(app.BaseAddress, "clerk.juzizhou");

        var ownerResponse = await owner.GetAsync(path, Ct);
        var reviewerResponse = await reviewer.GetAsync(path, Ct);
        var leaderResponse = await leader.GetAsync(path, Ct);
        var otherResponse = await otherClerk.GetAsync(path, Ct);
        var otherDetail = await otherClerk.GetStringAsync($"closures/{requestId}", Ct);

        Assert.Equal(HttpStatusCode.OK, ownerResponse.StatusCode);
        Assert.Equal("image/png", ownerResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", ownerResponse.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(ClosureWebSupport.Png, await ownerResponse.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, reviewerResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, leaderResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherResponse.StatusCode);
        Assert.DoesNotContain("89504E47", Convert.ToHexString(await otherResponse.Content.ReadAsByteArrayAsync(Ct)), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"not-found\"", otherDetail, StringComparison.Ordinal);
        Assert.DoesNotContain("望岳附件访问测试", otherDetail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attachment_Anonymous_IsSentToLogin_AndAWrongPairIsNotFound()
    {
        var (requestId, attachmentId) = await ClosureWebSupport.RequestWithAttachmentAsync(app, "望岳附件匿名测试");
        var (otherRequestId, _) = await ClosureWebSupport.RequestWithAttachmentAsync(app, "望岳附件错配测试");
        using var anonymous = LoginClient.Anonymous(app.BaseAddress);
        using var owner = await LoginClient.SignInAsync(app.BaseAddress, "clerk.wangyue");

        var anonymousResponse = await anonymous.GetAsync($"closures/{requestId}/attachments/{attachmentId}", Ct);
        var mismatched = await owner.GetAsync($"closures/{otherRequestId}/attachments/{attachmentId}", Ct);

        Assert.Equal(HttpStatusCode.Redirect, anonymousResponse.StatusCode);
        Assert.Contains("/login", anonymousResponse.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, mismatched.StatusCode);
    }

    [Fact]
    public async Task Upload_RenamedExeAndOversizeFile_AreRefusedWithAClearMessage()
    {
        var (requestId, _) = await ClosureWebSupport.RequestWithAttachmentAsync(app, "望岳附件拒收测试");
        var clerk = await ClosureWebSupport.ClerkWangyueAsync(app);
        await using var scope = app.Services.CreateAsyncScope();
        var attachments = scope.ServiceProvider.GetRequiredService<ClosureAttachments.Handler>();
        var localizer = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
        var oversize = new byte[FileSignature.MaxAttachmentBytes + 10];
        ClosureWebSupport.Png.CopyTo(oversize, 0);

        var exe = await Assert.ThrowsAsync<ClosureException>(() => attachments.UploadAsync(
            new ClosureAttachments.Upload(requestId, AttachmentPurpose.Proof, "注销截图.png", ClosureWebSupport.Exe.Length, new MemoryStream(ClosureWebSupport.Exe)), clerk, Ct));
        var big = await Assert.ThrowsAsync<ClosureException>(() => attachments.UploadAsync(
            new ClosureAttachments.Upload(requestId, AttachmentPurpose.Proof, "scan.pdf", null, new MemoryStream(oversize)), clerk, Ct));

        Assert.Equal(ClosureError.AttachmentIsExecutable, exe.Error);
        Assert.Equal(ClosureError.AttachmentTooLarge, big.Error);
        var culture = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = culture;
        try
        {
            Assert.Contains("可执行程序", ClosureLabels.Errors(localizer, exe), StringComparison.Ordinal);
            Assert.Contains("10 MB", ClosureLabels.Errors(localizer, big), StringComparison.Ordinal);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }
}
