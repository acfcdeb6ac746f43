using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AccountRegistry.Web.Tests.Verification;

/// <summary>
/// The real app on a loopback port over a small county of its own: a hub, an active, a closed and a merged account,
/// each with the internal facts (operator, flags) that verification must never show. No demo county: these tests
/// need four accounts, not seconds of seeding.
/// </summary>
public class VerificationApp : IAsyncLifetime
{
    public const string Operator = "李秘密";

    private WebApplicationFactory<Program>? factory;

    public Uri BaseAddress { get; private set; } = null!;

    public string ConnectionString { get; private set; } = string.Empty;

    protected virtual int PermitsPerMinute => 10_000;

    public async ValueTask InitializeAsync()
    {
        var server = await PostgresServer.GetAsync();
        ConnectionString = await server.CreateDatabaseAsync();
        await SeedAsync();
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Registry", ConnectionString);
            builder.UseSetting("Serilog:WriteTo:1:Name", "Console");

            // UseKestrel(0) below asks for a free port; should a host configuration drop that, Kestrel falls back to the
            // configured URLs, and without any to port 5000, which two test processes on one machine then fight over.
            builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
            builder.UseSetting("Verification:PermitsPerMinute", PermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
    }

    public HttpClient Anonymous() => Support.LoginClient.Anonymous(BaseAddress);

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }

    private async Task SeedAsync()
    {
        await using var db = RegistryDbContextOptions.Create(ConnectionString);
        var county = new Unit { Code = "430104", Name = "岳麓区人民政府", Level = UnitLevel.County, Path = "/" };
        db.Units.Add(county);
        await db.SaveChangesAsync();
        county.Path = Unit.ChildPath(null, county.Id);
        var township = new Unit { Code = "430104-012", Name = "莲花镇人民政府", Level = UnitLevel.Township, ParentId = county.Id, Path = "/" };
        db.Units.Add(township);
        await db.SaveChangesAsync();
        township.Path = Unit.ChildPath(county.Path, township.Id);
        var now = DateTimeOffset.UtcNow;
        var hub = Account(county, Platform.Weibo, "1000001", "岳麓发布", isHub: true);
        var active = Account(township, Platform.Wechat, "gh_lianhua", "莲花优生活");
        var closed = Account(township, Platform.Douyin, "lianhua_dy", "莲花镇政务");
        var merged = Account(township, Platform.Weibo, "2000002", "莲花镇微博");
        db.Accounts.AddRange(hub, active, closed, merged);
        await db.SaveChangesAsync();
        db.AccountStatusChanges.Add(closed.Close(new DateOnly(2026, 5, 1), "内部备注：长期未更新", "admin", now));
        db.AccountStatusChanges.Add(merged.MergeInto(hub, new DateOnly(2026, 6, 2), "内部备注：整合", "admin", now));
        await db.SaveChangesAsync();
    }

    private static Account Account(Unit unit, Platform platform, string id, string name, bool isHub = false) => new()
    {
        Platform = platform,
        PlatformAccountId = id,
        Name = name,
        UnitId = unit.Id,
        OpenedOn = new DateOnly(2019, 3, 1),
        Operator = Operator,
        IsHub = isHub,
        ProvidesServices = true,
    };
}

/// <summary>The same app with three requests a minute per client, to see the limit bite.</summary>
public sealed class RateLimitedVerificationApp : VerificationApp
{
    protected override int PermitsPerMinute => 3;
}
