using System.Text;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Filings;
using AccountRegistry.Application.Tests.Imports;
using Microsoft.Extensions.DependencyInjection;

namespace AccountRegistry.Application.Tests.Filings;

/// <summary>
/// A county whose accounts cover every case of the reconcile: filed alike, alike after trimming, closed and merged
/// against the province's closed, every field different, only the filing number different, live and unfiled, closed
/// and unfiled.
/// </summary>
public sealed class FilingFixture : ImportFixture
{
    public const string Accounts =
        """
        platform,account_id,name,unit_code,opened_on,operator,provides_services,is_hub,status,interactive,filing_no
        wechat,gh_hub,指尖岳麓,B-C,2015-03-01,张敏,false,true,active,,F-0
        wechat,gh_a,望岳发布,B-S,2017-06-05,,,,active,,F-1
        wechat,gh_b,望岳优生活,B-S,2017-06-05,,,,active,,F-2
        weibo,123,银杉社区,B-V,2018-01-01,,,,closed,,F-3
        weibo,124,银杉之声,B-V,2018-01-01,,,,merged,,F-4
        douyin,dy_1,望岳抖音,B-S,2019-01-01,,,,active,,F-5
        bilibili,bl_1,望岳B站,B-S,2019-01-01,,,,active,,
        kuaishou,ks_1,望岳快手,B-S,2020-01-01,,,,active,,
        kuaishou,ks_0,银杉快手,B-V,2020-01-01,,,,active,,
        kuaishou,ks_2,旧快手,B-S,2020-01-01,,,,closed,,
        wechat,gh_z,银杉公众号,B-V,2020-01-01,,,,active,,
        """;

    /// <summary>The province's export: white space around values, our merged as closed, one unknown account, one changed in every field.</summary>
    public const string Filings =
        "platform,account_id,name,unit_code,filing_no,status\n" +
        "wechat,gh_hub,指尖岳麓,B-C,F-0,active\n" +
        "wechat,gh_a,望岳发布,B-S,F-1,active\n" +
        "wechat, gh_b ,\" 望岳优生活\u3000\",B-S , F-2\t,active \n" +
        "weibo,123,银杉社区,B-V,F-3,closed\n" +
        "weibo,124,银杉之声,B-V,F-4,closed\n" +
        "douyin,dy_1,岳麓抖音,B-C,F-50,closed\n" +
        "bilibili,bl_1,望岳B站,B-S,F-7,\n" +
        "toutiao,tt_9,省里才有,B-S,F-9,active\n" +
        "douyin,dy_0,省里也有,B-S,F-10,closed\n";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var result = await ImportAsync(("units.csv", BaseUnits), ("accounts.csv", Accounts));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The filing accounts did not import: " + string.Join("; ", result.Files.SelectMany(f => f.Errors)));
        }
    }

    /// <summary>Writes <paramref name="content"/> under <paramref name="name"/> and reconciles it as `registry reconcile` does.</summary>
    public async Task<ReconcileFilings.Result> ReconcileAsync(string name, string content, UserScope? scope = null) =>
        await ReconcileBytesAsync(name, Encoding.UTF8.GetBytes(content), scope);

    public async Task<ReconcileFilings.Result> ReconcileBytesAsync(string name, byte[] content, UserScope? scope = null)
    {
        var directory = Directory.CreateTempSubdirectory("ar-reconcile-test-");
        try
        {
            var path = Path.Combine(directory.FullName, name);
            await File.WriteAllBytesAsync(path, content);
            await using var services = Services.CreateAsyncScope();
            return await services.ServiceProvider.GetRequiredService<ReconcileFilings.Handler>()
                .HandleAsync(new ReconcileFilings.Command(path, name), scope ?? UserScope.System, TestContext.Current.CancellationToken);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
