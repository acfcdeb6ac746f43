using System.Text;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Imports;
using AccountRegistry.Infrastructure;
using AccountRegistry.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AccountRegistry.Application.Tests.Imports;

/// <summary>A fresh database per test class, the application's services over it, a fixed clock and a recording listener.</summary>
public class ImportFixture : DatabaseFixture
{
    /// <summary>02:00 UTC = 10:00 in Shanghai on 2026-11-23.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private ServiceProvider? services;

    public FakeTimeProvider Clock { get; } = new(Now);

    public RecordingListener Listener { get; } = new();

    public IServiceProvider Services => services ?? throw new InvalidOperationException("Not initialised.");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        services = BuildServices(ConnectionString);
    }

    public ServiceProvider BuildServices(string connectionString) =>
        AppServices.Build(connectionString, Clock, adjust: collection => collection.AddSingleton<IPostImportListener>(Listener));

    /// <summary>Writes the files (UTF-8 text) to a new folder and imports them as `registry import` would.</summary>
    public Task<ImportFiles.Result> ImportAsync(params (string Name, string Content)[] files) =>
        ImportBytesAsync(Services, [.. files.Select(f => (f.Name, Encoding.UTF8.GetBytes(f.Content)))]);

    public static async Task<ImportFiles.Result> ImportBytesAsync(IServiceProvider services, params (string Name, byte[] Content)[] files)
    {
        ArgumentNullException.ThrowIfNull(services);
        var directory = Directory.CreateTempSubdirectory("ar-import-test-");
        try
        {
            foreach (var (name, content) in files)
            {
                await File.WriteAllBytesAsync(Path.Combine(directory.FullName, name), content);
            }

            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ImportFiles.Handler>()
                .HandleAsync(ImportFiles.FromDirectory(directory.FullName), UserScope.System, cancellationToken: TestContext.Current.CancellationToken);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// A digest of everything an import may touch. Equal digests before and after mean nothing stored changed,
    /// not even a row rewritten with the same values (xmin is part of the digest).
    /// </summary>
    public Task<string> FingerprintAsync() => FingerprintAsync(ConnectionString);

    public static async Task<string> FingerprintAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var parts = new List<string>();
        foreach (var table in new[] { "units", "accounts", "account_status_changes", "posts", "read_snapshots" })
        {
            await using var command = new Npgsql.NpgsqlCommand(
                $"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text || t.xmin::text, ',' ORDER BY t::text)), '') FROM {table} t", connection);
            parts.Add($"{table}={await command.ExecuteScalarAsync()}");
        }

        return string.Join(' ', parts);
    }

    public const string BaseUnits =
        """
        code,name,level,parent_code
        B-C,岳麓区人民政府,county,
        B-S,望岳街道办事处,street,B-C
        B-V,银杉社区居民委员会,community,B-S
        """;

    public const string BaseAccounts =
        """
        platform,account_id,name,unit_code,opened_on,operator,provides_services,is_hub,status
        wechat,gh_hub,指尖岳麓,B-C,2015-03-01,张敏,false,true,active
        wechat,gh_wy,望岳优生活,B-S,2017-06-05,,true,false,active
        """;

    public const string BasePosts =
        """
        platform,account_id,post_id,published_at,title,content,is_original,url
        wechat,gh_wy,p1,2019-05-08T09:30:00+08:00,社区开展垃圾分类宣传,"内容, 带逗号 ""引号""
        第二行",false,https://mp.weixin.qq.com/s/1
        wechat,gh_hub,h1,2019-05-07T08:00:00+08:00,标题,正文,,
        """;

    public const string BaseReads =
        """
        platform,account_id,post_id,captured_at,reads,likes,shares
        wechat,gh_wy,p1,2019-05-09T09:30:00+08:00,43,2,
        wechat,gh_hub,h1,2019-05-08T08:00:00Z,1000,,
        """;

    public Task<ImportFiles.Result> ImportBaseAsync() =>
        ImportAsync(("units.csv", BaseUnits), ("accounts.csv", BaseAccounts), ("posts.csv", BasePosts), ("reads.csv", BaseReads));

    public override async ValueTask DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}

public sealed class RecordingListener : IPostImportListener
{
    private int calls;

    public int Calls => calls;

    public Task PostsImportedAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        return Task.CompletedTask;
    }
}

/// <summary>A fixture whose database already holds the base data set.</summary>
public sealed class BaseDataFixture : ImportFixture
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var result = await ImportBaseAsync();
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The base data did not import: " + string.Join("; ", result.Files.SelectMany(f => f.Errors)));
        }
    }
}
