using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Units;

namespace AccountRegistry.Application.Demo;

/// <summary>How an account of the demo county behaves over its two years: the patterns the rules look for.</summary>
public enum DemoProfile
{
    Hub,
    Healthy,
    LowReads,
    StaleWeeks,
    StaleYears,
    NeverPosted,
    RepostOnly,
    Copier,
}

public sealed record DemoUnit(string Code, string Name, UnitLevel Level, string? ParentCode, string? ClerkLogin = null);

public sealed record DemoAccount(
    string UnitCode,
    Platform Platform,
    string AccountId,
    string Name,
    DemoProfile Profile,
    bool ProvidesServices = false,
    bool Unattended = false);

/// <summary>
/// The demo county, shaped like the district in the reporting (岳麓区): about 150 accounts, 60 of departments, 25 of
/// townships and streets, the rest of communities and villages, and the media center's hubs. Names are real-looking
/// but the texts are generated.
/// </summary>
public static class DemoCountyPlan
{
    public const string CountyCode = "430104";

    private static readonly (string Code, string Name, string Short, string Slug)[] Departments =
    [
        ("430104-D01", "岳麓区融媒体中心", "融媒", "rongmei"),
        ("430104-D02", "中共岳麓区委宣传部", "宣传", "xuanchuan"),
        ("430104-D03", "岳麓区委网络安全和信息化委员会办公室", "网信", "wangxin"),
        ("430104-D04", "岳麓区教育局", "教育", "jiaoyu"),
        ("430104-D05", "岳麓区卫生健康局", "健康", "jiankang"),
        ("430104-D06", "岳麓区市场监督管理局", "市监", "shijian"),
        ("430104-D07", "岳麓区商务局", "商务", "shangwu"),
        ("430104-D08", "岳麓区文化旅游体育局", "文旅", "wenlv"),
        ("430104-D09", "岳麓区人力资源和社会保障局", "人社", "renshe"),
        ("430104-D10", "岳麓区民政局", "民政", "minzheng"),
        ("430104-D11", "岳麓区住房和城乡建设局", "住建", "zhujian"),
        ("430104-D12", "岳麓区城市管理和综合执法局", "城管", "chengguan"),
        ("430104-D13", "岳麓区应急管理局", "应急", "yingji"),
        ("430104-D14", "岳麓区司法局", "司法", "sifa"),
        ("430104-D15", "岳麓区医疗保障局", "医保", "yibao"),
        ("430104-D16", "岳麓区退役军人事务局", "退役军人", "tuiyi"),
        ("430104-D17", "岳麓区农业农村局", "农业农村", "nongye"),
        ("430104-D18", "岳麓区发展和改革局", "发改", "fagai"),
        ("430104-D19", "岳麓区财政局", "财政", "caizheng"),
        ("430104-D20", "岳麓区科学技术局", "科技", "keji"),
        ("430104-D21", "岳麓区交通运输局", "交通", "jiaotong"),
        ("430104-D22", "岳麓区水利局", "水利", "shuili"),
        ("430104-D23", "岳麓区统计局", "统计", "tongji"),
        ("430104-D24", "岳麓区总工会", "工会", "gonghui"),
        ("430104-D25", "共青团岳麓区委", "青年", "tuanwei"),
        ("430104-D26", "岳麓区妇女联合会", "妇联", "fulian"),
        ("430104-D27", "岳麓区生态环境分局", "生态", "shengtai"),
        ("430104-D28", "岳麓区政务服务中心", "政务服务", "zhengwu"),
    ];

    private static readonly (string Code, string Name, string Short, string Slug, UnitLevel Level, string[] Children)[] Townships =
    [
        ("430104-012", "望岳街道办事处", "望岳", "wangyue", UnitLevel.Street, ["望岳社区", "金庭社区", "谷山村"]),
        ("430104-001", "橘子洲街道办事处", "橘子洲", "juzizhou", UnitLevel.Street, ["橘洲社区", "沙河社区"]),
        ("430104-002", "岳麓街道办事处", "岳麓", "yuelujd", UnitLevel.Street, ["桃花岭社区", "赤岗岭社区", "新民社区"]),
        ("430104-003", "望月湖街道办事处", "望月湖", "wangyuehu", UnitLevel.Street, ["望月湖社区", "枫林社区"]),
        ("430104-004", "银盆岭街道办事处", "银盆岭", "yinpenling", UnitLevel.Street, ["银盆南路社区", "桐梓坡社区", "岳华社区"]),
        ("430104-005", "观沙岭街道办事处", "观沙岭", "guanshaling", UnitLevel.Street, ["茶子山社区", "滨江社区"]),
        ("430104-006", "西湖街道办事处", "西湖", "xihu", UnitLevel.Street, ["西湖社区", "金峰社区", "咸嘉新村社区"]),
        ("430104-007", "咸嘉湖街道办事处", "咸嘉湖", "xianjiahu", UnitLevel.Street, ["西月社区", "白鹤社区"]),
        ("430104-008", "望城坡街道办事处", "望城坡", "wangchengpo", UnitLevel.Street, ["长丰社区", "金桥社区", "合丰村"]),
        ("430104-009", "梅溪湖街道办事处", "梅溪湖", "meixihu", UnitLevel.Street, ["梅岭社区", "象鼻窝社区"]),
        ("430104-010", "莲花镇人民政府", "莲花", "lianhua", UnitLevel.Township, ["莲花村", "东塘村", "龙洞村", "桐木村"]),
        ("430104-011", "雨敞坪镇人民政府", "雨敞坪", "yuchangping", UnitLevel.Township, ["雨敞坪村", "嶽峰村", "麓景村"]),
    ];

    // Declared after the tables above: static initialisers run in text order.
    public static IReadOnlyList<DemoUnit> Units { get; } = BuildUnits();

    public static IReadOnlyList<DemoAccount> Accounts { get; } = BuildAccounts();

    private static IReadOnlyList<DemoUnit> BuildUnits()
    {
        var units = new List<DemoUnit> { new(CountyCode, "岳麓区人民政府", UnitLevel.County, null) };
        units.AddRange(Departments.Select(d => new DemoUnit(d.Code, d.Name, UnitLevel.Department, CountyCode, "clerk." + d.Slug)));
        foreach (var t in Townships)
        {
            units.Add(new DemoUnit(t.Code, t.Name, t.Level, CountyCode, "clerk." + t.Slug));
            for (var i = 0; i < t.Children.Length; i++)
            {
                var child = t.Children[i];
                var level = child.EndsWith('村') ? UnitLevel.Village : UnitLevel.Community;
                var name = level == UnitLevel.Village ? child + "村民委员会" : child + "居民委员会";
                units.Add(new DemoUnit($"{t.Code}-{i + 1:00}", name, level, t.Code));
            }
        }

        return units;
    }

    private static IReadOnlyList<DemoAccount> BuildAccounts()
    {
        var accounts = new List<DemoAccount>
        {
            new("430104-D01", Platform.Wechat, "gh_zjyl0731", "指尖岳麓", DemoProfile.Hub, ProvidesServices: true),
            new("430104-D01", Platform.Weibo, "5601023077", "岳麓发布", DemoProfile.Hub),
            new("430104-D01", Platform.Douyin, "yuelurongmei", "岳麓融媒", DemoProfile.Hub),
            new("430104-D01", Platform.Toutiao, "tt_yuelu", "岳麓头条", DemoProfile.Hub),
        };

        // Departments: everyone on WeChat, most on Weibo, some on Douyin; profiles rotate so each pattern appears.
        DemoProfile[] departmentProfiles =
        [
            DemoProfile.Healthy, DemoProfile.Healthy, DemoProfile.LowReads, DemoProfile.Healthy, DemoProfile.StaleWeeks,
            DemoProfile.Healthy, DemoProfile.StaleYears, DemoProfile.Healthy, DemoProfile.LowReads, DemoProfile.NeverPosted,
        ];
        var n = 0;
        foreach (var d in Departments.Skip(1))
        {
            accounts.Add(new(d.Code, Platform.Wechat, $"gh_{d.Slug}0731", $"岳麓{d.Short}", departmentProfiles[n++ % departmentProfiles.Length],
                ProvidesServices: d.Slug is "renshe" or "yibao" or "zhengwu" or "jiaoyu"));
            if (n % 3 != 0)
            {
                accounts.Add(new(d.Code, Platform.Weibo, $"56{n:000}1{d.Slug.Length:00}8", $"岳麓{d.Short}微博", departmentProfiles[(n + 3) % departmentProfiles.Length]));
            }

            if (n % 4 == 1)
            {
                accounts.Add(new(d.Code, Platform.Douyin, $"dy_{d.Slug}", $"{d.Short}岳麓", departmentProfiles[(n + 5) % departmentProfiles.Length]));
            }
        }

        // Two accounts of one unit on one platform (DUPLICATE_PLATFORM), as in the reporting.
        accounts.Add(new("430104-D07", Platform.Wechat, "gh_shangwufabu", "岳麓商务发布", DemoProfile.LowReads));
        accounts.Add(new("430104-D08", Platform.Douyin, "dy_wenlv_yuelu2", "岳麓文旅抖音号", DemoProfile.StaleWeeks));

        // One unattended account: nobody recorded as operator.
        accounts.Add(new("430104-D23", Platform.Weibo, "5602300991", "岳麓统计发布", DemoProfile.StaleYears, Unattended: true));

        DemoProfile[] townshipProfiles = [DemoProfile.Healthy, DemoProfile.LowReads, DemoProfile.StaleWeeks, DemoProfile.Healthy, DemoProfile.RepostOnly, DemoProfile.StaleYears];
        DemoProfile[] communityProfiles = [DemoProfile.Copier, DemoProfile.LowReads, DemoProfile.StaleYears, DemoProfile.Copier, DemoProfile.NeverPosted, DemoProfile.RepostOnly, DemoProfile.Copier];
        var t = 0;
        var c = 0;
        foreach (var township in Townships)
        {
            accounts.Add(new(township.Code, Platform.Wechat, $"gh_{township.Slug}0731", $"{township.Short}优生活", township.Slug == "wangyue" ? DemoProfile.Healthy : townshipProfiles[t % townshipProfiles.Length],
                ProvidesServices: t % 4 == 0));
            if (t % 2 == 0)
            {
                accounts.Add(new(township.Code, Platform.Weibo, $"57{t:000}0{township.Slug.Length:00}1", $"{township.Short}发布", townshipProfiles[(t + 2) % townshipProfiles.Length]));
            }

            if (t % 3 == 0)
            {
                accounts.Add(new(township.Code, Platform.Douyin, $"dy_{township.Slug}", $"{township.Short}抖音", townshipProfiles[(t + 1) % townshipProfiles.Length]));
            }

            if (t % 4 == 1)
            {
                accounts.Add(new(township.Code, Platform.Toutiao, $"tt_{township.Slug}", $"{township.Short}头条", townshipProfiles[(t + 3) % townshipProfiles.Length]));
            }

            t++;
            for (var i = 0; i < township.Children.Length; i++)
            {
                var unitCode = $"{township.Code}-{i + 1:00}";
                var name = township.Children[i];
                accounts.Add(new(unitCode, Platform.Wechat, $"gh_{township.Slug}{i + 1:00}", $"{name}之家", communityProfiles[c % communityProfiles.Length]));
                if (c % 2 == 1)
                {
                    accounts.Add(new(unitCode, Platform.Douyin, $"dy_{township.Slug}{i + 1:00}", $"{name}抖音", communityProfiles[(c + 2) % communityProfiles.Length]));
                }

                if (c % 5 == 0)
                {
                    accounts.Add(new(unitCode, Platform.Toutiao, $"tt_{township.Slug}{i + 1:00}", $"{name}头条", communityProfiles[(c + 4) % communityProfiles.Length]));
                }

                c++;
            }
        }

        // Forgotten accounts the campaign found (DemoCampaignPlan decides their fate with the others').
        accounts.Add(new("430104-D10", Platform.Toutiao, "tt_minzheng", "岳麓民政头条", DemoProfile.StaleYears));
        accounts.Add(new("430104-D14", Platform.Douyin, "dy_sifa_old", "岳麓普法", DemoProfile.StaleYears));
        accounts.Add(new("430104-003-01", Platform.Weibo, "5703001001", "望月湖社区微博", DemoProfile.NeverPosted));
        return accounts;
    }
}
