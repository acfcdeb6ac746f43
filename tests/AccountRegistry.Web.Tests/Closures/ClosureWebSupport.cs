using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountRegistry.Web.Tests.Closures;

/// <summary>Accounts and requests of the demo county made for one test, through the app's own handlers.</summary>
internal static class ClosureWebSupport
{
    public static readonly byte[] Png =
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
        0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
        0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];

    /// <summary>A Windows program's first bytes: what a renamed .exe looks like.</summary>
    public static readonly byte[] Exe = [.. "MZ"u8, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, .. "This program cannot be run in DOS mode."u8];

    public static async Task<UserScope> ScopeAsync(RegistryWebApp app, string userName, string role, string unitName)
    {
        await using var db = RegistryDbContextOptions.Create(app.ConnectionString);
        var unit = await db.Units.Where(u => u.Name == unitName).Select(u => new { u.Id, u.Path }).SingleAsync();
        return new UserScope(userName, new HashSet<string> { role }, unit.Id, unit.Path);
    }

    public static Task<UserScope> ClerkWangyueAsync(RegistryWebApp app) => ScopeAsync(app, "clerk.wangyue", Roles.Clerk, "望岳街道办事处");

    /// <summary>A fresh live account of 望岳街道, so no other test's expectations move.</summary>
    public static async Task<Account> AccountAsync(RegistryWebApp app, string name, Platform platform = Platform.Kuaishou)
    {
        await using var db = RegistryDbContextOptions.Create(app.ConnectionString);
        var unitId = await db.Units.Where(u => u.Name == "望岳街道办事处").Select(u => u.Id).SingleAsync();
        var account = new Account
        {
            Platform = platform,
            PlatformAccountId = "test_" + Guid.NewGuid().ToString("N")[..16],
            Name = name,
            UnitId = unitId,
            OpenedOn = new DateOnly(2021, 5, 1),
            Operator = "王磊",
        };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return account;
    }

    /// <summary>A draft request of clerk.wangyue with one proof attached; returns the request and attachment ids.</summary>
    public static async Task<(int RequestId, long AttachmentId)> RequestWithAttachmentAsync(RegistryWebApp app, string accountName)
    {
        var account = await AccountAsync(app, accountName);
        var clerk = await ClerkWangyueAsync(app);
        await using var scope = app.Services.CreateAsyncScope();
        var file = scope.ServiceProvider.GetRequiredService<FileClosureRequest.Handler>();
        var attachments = scope.ServiceProvider.GetRequiredService<ClosureAttachments.Handler>();
        var requestId = await file.HandleAsync(
            new FileClosureRequest.Command(account.Id, ClosureKind.Close, [ClosureReason.Stale], null, null, null, null, Submit: false), clerk);
        var attachmentId = await attachments.UploadAsync(
            new ClosureAttachments.Upload(requestId, AttachmentPurpose.Supporting, "说明.png", Png.Length, new MemoryStream(Png)), clerk);
        return (requestId, attachmentId);
    }
}
