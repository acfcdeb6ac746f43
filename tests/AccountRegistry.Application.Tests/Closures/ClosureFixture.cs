using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Notifications;
using Microsoft.Extensions.DependencyInjection;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.TestSupport;
using AccountRegistry.TestSupport.Builders;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Time.Testing;

namespace AccountRegistry.Application.Tests.Closures;

/// <summary>
/// A district with a media center (two hubs), a street with a community and a township, and the users of the
/// workflow: a clerk per township, a reviewer and a leader of the district. Tests add their own accounts.
/// </summary>
public sealed class ClosureFixture : DatabaseFixture
{
    private readonly List<ServiceProvider> containers = [];

    public Unit County { get; private set; } = null!;

    public Unit Wangyue { get; private set; } = null!;

    public Unit WangyueCommunity { get; private set; } = null!;

    public Unit Lianhua { get; private set; } = null!;

    public Account WechatHub { get; private set; } = null!;

    public Account DouyinHub { get; private set; } = null!;

    public CountyBuilder Build { get; private set; } = null!;

    public UserScope ClerkWangyue => ScopeOf("clerk.wangyue", Roles.Clerk, Wangyue);

    public UserScope ClerkLianhua => ScopeOf("clerk.lianhua", Roles.Clerk, Lianhua);

    public UserScope Reviewer => ScopeOf("reviewer", Roles.Reviewer, County);

    public UserScope Leader => ScopeOf("leader", Roles.Leader, County);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Build = new CountyBuilder(this, "clo");
        County = await Build.UnitAsync("岳麓区人民政府", UnitLevel.County);
        var media = await Build.UnitAsync("岳麓区融媒体中心", UnitLevel.Department, County);
        Wangyue = await Build.UnitAsync("望岳街道办事处", UnitLevel.Street, County);
        WangyueCommunity = await Build.UnitAsync("望岳社区居民委员会", UnitLevel.Community, Wangyue);
        Lianhua = await Build.UnitAsync("莲花镇人民政府", UnitLevel.Township, County);
        WechatHub = await Build.AccountAsync(media, "指尖岳麓", Platform.Wechat, isHub: true);
        DouyinHub = await Build.AccountAsync(media, "岳麓融媒", Platform.Douyin, isHub: true);

        await using var db = CreateContext();
        var roles = Roles.All.ToDictionary(r => r, r => new IdentityRole(r) { NormalizedName = r.ToUpperInvariant() });
        db.Roles.AddRange(roles.Values);
        foreach (var (name, role, unit) in new[]
        {
            ("clerk.wangyue", Roles.Clerk, Wangyue), ("clerk.lianhua", Roles.Clerk, Lianhua),
            ("reviewer", Roles.Reviewer, County), ("leader", Roles.Leader, County),
        })
        {
            var user = new AppUser { UserName = name, NormalizedUserName = name.ToUpperInvariant(), UnitId = unit.Id, DisplayName = name };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles[role].Id });
        }

        await db.SaveChangesAsync();
    }

    public static UserScope ScopeOf(string userName, string role, Unit unit) =>
        new(userName, new HashSet<string> { role }, unit.Id, unit.Path);

    /// <summary>The workflow's handlers from the app's own container over this database, on a clock the test controls.</summary>
    public ClosureHarness Harness(FakeTimeProvider? clock = null)
    {
        clock ??= ClosureHarness.MondayMorning();
        var services = AppServices.Build(ConnectionString, clock);
        lock (containers)
        {
            containers.Add(services);
        }

        return new ClosureHarness(services, clock);
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var services in containers)
        {
            await services.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}

/// <summary>The closure handlers a test calls, taken from the app's service container (<see cref="AppServices"/>).</summary>
public sealed class ClosureHarness(IServiceProvider services, FakeTimeProvider clock)
{
    public FakeTimeProvider Clock { get; } = clock;

    public DateOnly Today => Domain.Common.ShanghaiCalendar.Today(Clock);

    public FileClosureRequest.Handler File => services.GetRequiredService<FileClosureRequest.Handler>();

    public FileOpeningRequest.Handler FileOpening => services.GetRequiredService<FileOpeningRequest.Handler>();

    public ReviseClosureRequest.Handler Revise => services.GetRequiredService<ReviseClosureRequest.Handler>();

    public SubmitClosureRequest.Handler Submit => services.GetRequiredService<SubmitClosureRequest.Handler>();

    public DecideClosureRequest.Handler Decide => services.GetRequiredService<DecideClosureRequest.Handler>();

    public EditClosingNotice.Handler EditNotice => services.GetRequiredService<EditClosingNotice.Handler>();

    public PostClosingNotice.Handler PostNotice => services.GetRequiredService<PostClosingNotice.Handler>();

    public RecordDeregistration.Handler Deregister => services.GetRequiredService<RecordDeregistration.Handler>();

    public CompleteClosureRequest.Handler Complete => services.GetRequiredService<CompleteClosureRequest.Handler>();

    public RecordAccountOpening.Handler RecordOpening => services.GetRequiredService<RecordAccountOpening.Handler>();

    public WithdrawClosureRequest.Handler Withdraw => services.GetRequiredService<WithdrawClosureRequest.Handler>();

    public ClosureAttachments.Handler Attachments => services.GetRequiredService<ClosureAttachments.Handler>();

    public ClosureRequestDetail.Handler Detail => services.GetRequiredService<ClosureRequestDetail.Handler>();

    public ClosureRequestList.Handler List => services.GetRequiredService<ClosureRequestList.Handler>();

    public ClosureForm.Handler Form => services.GetRequiredService<ClosureForm.Handler>();

    public NotificationInbox.Handler Inbox => services.GetRequiredService<NotificationInbox.Handler>();

    public OverdueReminders.Handler Reminders => services.GetRequiredService<OverdueReminders.Handler>();

    /// <summary>Monday 23 November 2026, 10:00 in Shanghai.</summary>
    public static FakeTimeProvider MondayMorning() => new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));

    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    public FileClosureRequest.Command CloseCommand(Account account, bool submit = true, string? serviceTakeover = null) =>
        new(account.Id, ClosureKind.Close, [ClosureReason.Stale], "半年未更新", Today.AddDays(7), null, serviceTakeover, submit);

    public Task<long> UploadProofAsync(int requestId, UserScope scope, byte[]? content = null, string name = "注销截图.png") =>
        Attachments.UploadAsync(new ClosureAttachments.Upload(requestId, AttachmentPurpose.Proof, name, null, new MemoryStream(content ?? Png)), scope);

    /// <summary>Files, submits, approves, posts the notice and deregisters with proof: the request waits for completion.</summary>
    public async Task<int> DeregisteredAsync(Account account, ClosureFixture county, ClosureKind kind = ClosureKind.Close, int? hubId = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(county);
        var clerk = county.ClerkWangyue;
        var id = await File.HandleAsync(new FileClosureRequest.Command(account.Id, kind, [ClosureReason.Stale], null, Today.AddDays(1), hubId, null, Submit: true), clerk);
        await Decide.HandleAsync(new DecideClosureRequest.Command(id, DecideClosureRequest.Decision.Approve, null), county.Reviewer);
        await PostNotice.HandleAsync(new PostClosingNotice.Command(id, Today, "https://mp.weixin.qq.com/s/closing"), clerk);
        await UploadProofAsync(id, clerk);
        await Deregister.HandleAsync(new RecordDeregistration.Command(id, Today, "平台已确认注销"), clerk);
        return id;
    }
}
