using System.Globalization;
using System.Text;

namespace AccountRegistry.Application.Tests.Cli;

/// <summary>
/// Import files of two accounts of one department, the second (weibo wb_copy) copying the first's (wechat gh_source)
/// three stories the same afternoon: three near-duplicate pairs, and DUPLICATE_CONTENT for the copy.
/// </summary>
internal static class CopiedStories
{
    private static readonly string[] Stories =
    [
        "岳麓区开展秋季消防安全宣传活动，提醒居民注意用火用电安全，共建平安社区",
        "区人民医院推出老年人就医绿色通道，挂号缴费取药一站式服务方便群众",
        "望岳街道组织志愿者清理河道垃圾，守护母亲河的碧水清波人人有责",
    ];

    public const int PostCount = 6;

    /// <summary>Writes units.csv, accounts.csv, posts.csv and, with <paramref name="withReads"/>, a reads.csv of the originals.</summary>
    public static async Task WriteAsync(string directory, bool withReads, CancellationToken cancellationToken)
    {
        var posts = new StringBuilder("platform,account_id,post_id,published_at,title,content,is_original,url\n");
        var reads = new StringBuilder("platform,account_id,post_id,captured_at,reads,likes,shares\n");
        for (var i = 0; i < Stories.Length; i++)
        {
            posts.Append(CultureInfo.InvariantCulture, $"wechat,gh_source,s{i},2026-11-1{i}T09:00:00+08:00,,{Stories[i]},,\n");
            posts.Append(CultureInfo.InvariantCulture, $"weibo,wb_copy,c{i},2026-11-1{i}T15:00:00+08:00,,{Stories[i]},,\n");
            reads.Append(CultureInfo.InvariantCulture, $"wechat,gh_source,s{i},2026-11-2{i}T08:00:00+08:00,{100 + i},,\n");
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "units.csv"), "code,name,level,parent_code\nCS-C,某县,county,\nCS-D,某局,department,CS-C\n", cancellationToken);
        await File.WriteAllTextAsync(
            Path.Combine(directory, "accounts.csv"),
            "platform,account_id,name,unit_code,opened_on,operator,provides_services,is_hub,status\nwechat,gh_source,源,CS-D,2020-01-01,张,,,\nweibo,wb_copy,抄,CS-D,2020-01-01,李,,,\n",
            cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "posts.csv"), posts.ToString(), cancellationToken);
        if (withReads)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "reads.csv"), reads.ToString(), cancellationToken);
        }
    }
}
