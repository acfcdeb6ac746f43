using System.Collections.Concurrent;
using AccountRegistry.Application.Collectors;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Imports;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.Web.Endpoints;
using AccountRegistry.Web.Tests.Closures;
using AccountRegistry.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountRegistry.Web.Tests.Security;

/// <summary>Who a matrix request is made as: a role bound to a unit of district A (the demo county) or of district B.</summary>
public sealed record MatrixUser(string Key, string? UserName, string? Role, MatrixUnit Unit)
{
    public bool SignedIn => UserName is not null;

    public override string ToString() => Key;
}

/// <summary>The units the matrix users are bound to: district A holds townships X and Y; district B is another county.</summary>
public enum MatrixUnit
{
    None,
    DistrictA,
    TownshipX,
    TownshipY,
    DistrictB,
}

/// <summary>
/// The demo app plus what the authorisation matrix needs: a second district with its own reviewer, a closure request
/// with an attachment and an account in township X (望岳街道), two stored evaluations, an import error report owned by
/// district A's reviewer, and a collector key. Signed-in clients are made once per user.
/// </summary>
public sealed class SecurityApp : IAsyncLifetime
{
    public const string ReviewerB = "reviewer.b";
    public const string AccountXName = "望岳矩阵测试账号";

    public static readonly IReadOnlyList<MatrixUser> Users =
    [
        new("anonymous", null, null, MatrixUnit.None),
        new("collector-key", null, null, MatrixUnit.None),
        new("admin", "admin", Roles.Admin, MatrixUnit.None),
        new("reviewer-A", "reviewer", Roles.Reviewer, MatrixUnit.DistrictA),
        new("reviewer-B", ReviewerB, Roles.Reviewer, MatrixUnit.DistrictB),
        new("clerk-X", "clerk.wangyue", Roles.Clerk, MatrixUnit.TownshipX),
        new("clerk-Y", "clerk.lianhua", Roles.Clerk, MatrixUnit.TownshipY),
        new("leader-A", "leader", Roles.Leader, MatrixUnit.DistrictA),
    ];

    private readonly ConcurrentDictionary<string, Task<HttpClient>> clients = new();

    public RegistryWebApp App { get; } = new();

    public Uri BaseAddress => App.BaseAddress;

    /// <summary>Values for the placeholders of the matrix's sample URLs ({account}, {request}, …).</summary>
    public const string SampleRoundTitle = "矩阵抽查";

    public IReadOnlyDictionary<string, string> Samples { get; private set; } = new Dictionary<string, string>();

    public string CollectorKey { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        // As behind nginx on loopback: X-Forwarded-Proto: https from the test client makes the cookie Secure.
        App.Settings["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
        await App.InitializeAsync();
        await AddDistrictBAsync();

        var (requestId, attachmentId) = await ClosureWebSupport.RequestWithAttachmentAsync(App, AccountXName + "（注销）");
        var account = await ClosureWebSupport.AccountAsync(App, AccountXName);
        var (rectificationId, evidenceId) = await Rectifications.RectificationWebSupport.OpenTaskAsync(App, account, withEvidence: true);
        var (taskRound, finding) = await Rectifications.RectificationWebSupport.FindingAsync(App, rectificationId);
        await using var scope = App.Services.CreateAsyncScope();
        var evaluate = scope.ServiceProvider.GetRequiredService<RunEvaluation.Handler>();
        var today = Domain.Common.ShanghaiCalendar.Today(TimeProvider.System);
        var first = await evaluate.HandleAsync(new RunEvaluation.Command(today, Domain.Rules.Evaluation.CommandLine));
        var second = await evaluate.HandleAsync(new RunEvaluation.Command(today, Domain.Rules.Evaluation.CommandLine));
        var report = App.Services.GetRequiredService<ImportReports>()
            .Add("reviewer", [new ImportError("posts.csv", 2, "published_at", "2019-13-45", ImportErrorCode.BadDate, "not a date")]);
        var reconcile = App.Services.GetRequiredService<ReconcileResults>()
            .Add("reviewer", new Application.Filings.ReconcileFilings.Result("filings.csv", 0, [], 0, [], [], []));
        var round = await PublishedRoundAsync(scope.ServiceProvider, today);
        CollectorKey = (await scope.ServiceProvider.GetRequiredService<CreateApiKey.Handler>()
            .HandleAsync(new CreateApiKey.Command("matrix collector"), UserScope.System)).Key;

        Samples = new Dictionary<string, string>
        {
            ["account"] = account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["request"] = requestId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["attachment"] = attachmentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["evaluationFrom"] = first.EvaluationId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["evaluationTo"] = second.EvaluationId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["report"] = report.ToString(),
            ["reconcile"] = reconcile.ToString(),
            ["rectification"] = rectificationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["evidence"] = evidenceId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["round"] = round.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["taskRound"] = taskRound.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["finding"] = finding.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>A client signed in as the user (cached), or a fresh anonymous one.</summary>
    public Task<HttpClient> ClientAsync(MatrixUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.SignedIn)
        {
            var client = LoginClient.Anonymous(BaseAddress);
            if (user.Key == "collector-key")
            {
                client.DefaultRequestHeaders.Add(CollectorApi.ApiKeyHeader, CollectorKey);
            }

            return Task.FromResult(client);
        }

        return clients.GetOrAdd(user.Key, _ => LoginClient.SignInAsync(BaseAddress, user.UserName!));
    }

    /// <summary>A client of its own (for requests that end the session, like signing out).</summary>
    public async Task<HttpClient> FreshClientAsync(MatrixUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.SignedIn ? await LoginClient.SignInAsync(BaseAddress, user.UserName!) : await ClientAsync(user);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients.Values)
        {
            (await client).Dispose();
        }

        await App.DisposeAsync();
    }

    /// <summary>A published inspection round over district A (the demo county): its pages and 通报 are district A's.</summary>
    private async Task<long> PublishedRoundAsync(IServiceProvider services, DateOnly today)
    {
        int county;
        await using (var db = RegistryDbContextOptions.Create(App.ConnectionString))
        {
            county = await db.Users.Where(u => u.UserName == "reviewer").Select(u => u.UnitId!.Value).SingleAsync();
        }

        var round = await services.GetRequiredService<Application.Inspections.OpenInspectionRound.Handler>().HandleAsync(
            new(SampleRoundTitle, today, Domain.Inspections.RoundScope.District, [county], Domain.Inspections.RoundSampling.Stratified, 0.1m, 42), UserScope.System);
        await using (var db = RegistryDbContextOptions.Create(App.ConnectionString))
        {
            var version = await db.InspectionRounds.Where(r => r.Id == round.RoundId).Select(r => r.Version).SingleAsync();
            var run = await services.GetRequiredService<Application.Inspections.RunInspectionRound.Handler>().HandleAsync(new(round.RoundId, version), UserScope.System);
            await services.GetRequiredService<Application.Inspections.PublishInspectionRound.Handler>().HandleAsync(new(round.RoundId, run.Version), UserScope.System);
        }

        return round.RoundId;
    }

    private async Task AddDistrictBAsync()
    {
        await using (var db = RegistryDbContextOptions.Create(App.ConnectionString))
        {
            var county = new Unit { Code = "430105", Name = "开福区人民政府", Level = UnitLevel.County };
            db.Units.Add(county);
            await db.SaveChangesAsync();
            county.Path = Unit.ChildPath(null, county.Id);
            var street = new Unit { Code = "430105-001", Name = "新河街道办事处", Level = UnitLevel.Street, ParentId = county.Id };
            db.Units.Add(street);
            await db.SaveChangesAsync();
            street.Path = Unit.ChildPath(county.Path, street.Id);
            db.Accounts.Add(new Account
            {
                Platform = Platform.Wechat, PlatformAccountId = "gh_kaifu_xinhe", Name = "新河街道发布", UnitId = street.Id, OpenedOn = new DateOnly(2020, 3, 1),
            });
            await db.SaveChangesAsync();
        }

        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await using var context = RegistryDbContextOptions.Create(App.ConnectionString);
        var countyId = await context.Units.Where(u => u.Code == "430105").Select(u => u.Id).SingleAsync();
        var reviewer = new AppUser { UserName = ReviewerB, DisplayName = "开福区网信办 审核员", UnitId = countyId };
        Check(await users.CreateAsync(reviewer, Application.Demo.DemoCounty.DemoPassword));
        Check(await users.AddToRoleAsync(reviewer, Roles.Reviewer));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SecurityCollection : ICollectionFixture<SecurityApp>, ICollectionFixture<Support.Browser>
{
    public const string Name = "security app";
}
