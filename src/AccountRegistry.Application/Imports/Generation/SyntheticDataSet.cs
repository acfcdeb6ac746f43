// Over 300 lines: one deterministic generator; its seeded random draws must happen in one fixed order across units,
// accounts and posts (the same options give byte-identical files), which is easiest to keep when it reads top to bottom.
using System.Globalization;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Units;

namespace AccountRegistry.Application.Imports.Generation;

/// <summary>
/// `registry generate`: a synthetic data set in the import format, shaped like a real inventory so the rules and the
/// benchmark meet the cases they must handle: a unit tree per county (county → departments, townships and streets →
/// villages and communities), several platforms, posting rates from daily to never, heavy-tailed reads, repost-only
/// accounts, near-duplicate copies with light edits and copies in traditional script, and a few hubs per county.
/// Deterministic: the same options give byte-identical files. Written streaming; only the units and the account list
/// (small) and a bounded sample of recent posts per county (the sources of copies) are held in memory.
/// </summary>
public static class SyntheticDataSet
{
    /// <summary>The data set ends on a fixed day, not today, so that a seed always gives the same files.</summary>
    public static readonly DateOnly DefaultUntil = new(2026, 11, 20);

    private const int AccountsPerCounty = 400;
    private const int CopySourcesPerCounty = 256;

    public sealed record Options(int Accounts, long Seed = 1, int PostsPerAccount = 100, int SnapshotsPerPost = 3, DateOnly? Until = null);

    public sealed record Summary(int Units, int Accounts, long Posts, long Snapshots, IReadOnlyList<string> Files);

    private enum Profile
    {
        Never,
        Dormant,
        Rare,
        Weekly,
        Frequent,
        Daily,
        Hub,
    }

    private sealed record GeneratedUnit(string Code, string Name, UnitLevel Level, string? ParentCode, string Place);

    private sealed record GeneratedAccount(
        int Index, int County, Platform Platform, string AccountId, string Name, string UnitCode, string Place, DateOnly OpenedOn,
        string? Operator, bool ProvidesServices, bool IsHub, AccountStatus Status, Profile Profile, bool RepostsOnly, double MedianReads);

    private sealed record SourcePost(string? Title, string Content, DateTimeOffset PublishedAt);

    private sealed record PlannedPost(DateTimeOffset PublishedAt, string? Title, string Content, bool IsOriginal);

    private static readonly (Platform Platform, double Weight)[] PlatformWeights =
    [
        (Platform.Wechat, 0.42), (Platform.Weibo, 0.14), (Platform.Douyin, 0.16), (Platform.Toutiao, 0.08), (Platform.Kuaishou, 0.06),
        (Platform.Bilibili, 0.02), (Platform.App, 0.03), (Platform.Website, 0.07), (Platform.Other, 0.02),
    ];

    public static Summary Write(string directory, Options options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Accounts);
        ArgumentOutOfRangeException.ThrowIfNegative(options.PostsPerAccount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.SnapshotsPerPost);
        Directory.CreateDirectory(directory);
        var until = options.Until ?? DefaultUntil;
        var counties = Math.Max(1, (int)Math.Round(options.Accounts / (double)AccountsPerCounty));

        var units = new List<GeneratedUnit>();
        var unitsByCounty = new List<List<GeneratedUnit>>();
        for (var county = 0; county < counties; county++)
        {
            var countyUnits = CountyUnits(options.Seed, county);
            unitsByCounty.Add(countyUnits);
            units.AddRange(countyUnits);
        }

        var files = new List<string>();
        var unitsPath = Path.Combine(directory, "units.csv");
        using (var output = new CsvOutput(unitsPath, ImportKind.Units.Columns()))
        {
            foreach (var unit in units)
            {
                output.Field(unit.Code);
                output.Field(unit.Name);
                output.Field(unit.Level.ToCode());
                output.Field(unit.ParentCode);
                output.EndRow();
            }
        }

        files.Add(unitsPath);
        progress?.Report($"units.csv: {units.Count:N0} units in {counties:N0} counties");

        var accounts = new List<GeneratedAccount>(options.Accounts);
        for (var county = 0; county < counties; county++)
        {
            var count = (options.Accounts / counties) + (county < options.Accounts % counties ? 1 : 0);
            accounts.AddRange(CountyAccounts(options.Seed, county, count, unitsByCounty[county], accounts.Count, until));
        }

        var accountsPath = Path.Combine(directory, "accounts.csv");
        using (var output = new CsvOutput(accountsPath, ImportKind.Accounts.Columns()))
        {
            foreach (var account in accounts)
            {
                output.Field(account.Platform.ToCode());
                output.Field(account.AccountId);
                output.Field(account.Name);
                output.Field(account.UnitCode);
                output.Field(account.OpenedOn);
                output.Field(account.Operator);
                output.Field(account.ProvidesServices);
                output.Field(account.IsHub);
                output.Field(account.Status.ToCode());
                output.Field(SyntheticInteractions.Interactive(options.Seed, account.Index));
                output.Field(SyntheticInteractions.FilingNo(options.Seed, account.Index, unitsByCounty[account.County][0].Code));
                output.EndRow();
            }
        }

        files.Add(accountsPath);
        progress?.Report($"accounts.csv: {accounts.Count:N0} accounts");

        var postsPath = Path.Combine(directory, "posts.csv");
        var readsPath = Path.Combine(directory, "reads.csv");
        long posts, snapshots;
        using (var postOutput = new CsvOutput(postsPath, ImportKind.Posts.Columns()))
        using (var readOutput = new CsvOutput(readsPath, ImportKind.Reads.Columns()))
        {
            var end = ShanghaiCalendar.StartOf(until).AddHours(23);
            var sources = new List<SourcePost>(CopySourcesPerCounty);
            var currentCounty = -1;
            var countyRandom = DeterministicRandom.For(options.Seed, 4, 0);
            foreach (var account in accounts)
            {
                if (account.County != currentCounty)
                {
                    currentCounty = account.County;
                    sources.Clear();
                    countyRandom = DeterministicRandom.For(options.Seed, 4, (ulong)currentCounty);
                }

                var random = DeterministicRandom.For(options.Seed, 3, (ulong)account.Index);
                var planned = PlanPosts(random, account, options.PostsPerAccount, sources, end);
                for (var k = 0; k < planned.Count; k++)
                {
                    var post = planned[k];
                    var postId = PostId(account, k);
                    postOutput.Field(account.Platform.ToCode());
                    postOutput.Field(account.AccountId);
                    postOutput.Field(postId);
                    postOutput.Field(post.PublishedAt);
                    postOutput.Field(post.Title);
                    postOutput.Field(post.Content);
                    postOutput.Field(post.IsOriginal);
                    postOutput.Field(Url(account, postId));
                    postOutput.EndRow();
                    WriteSnapshots(readOutput, random, account, postId, post.PublishedAt, end, options.SnapshotsPerPost);

                    // Later accounts of the county copy from a bounded, evenly refreshed sample of earlier posts.
                    if (post.IsOriginal)
                    {
                        var weight = account.IsHub ? 0.5 : 0.05;
                        if (sources.Count < CopySourcesPerCounty)
                        {
                            sources.Add(new SourcePost(post.Title, post.Content, post.PublishedAt));
                        }
                        else if (countyRandom.Chance(weight))
                        {
                            sources[countyRandom.Next(sources.Count)] = new SourcePost(post.Title, post.Content, post.PublishedAt);
                        }
                    }
                }

                if ((account.Index + 1) % 2000 == 0)
                {
                    progress?.Report($"posts.csv: {account.Index + 1:N0} of {accounts.Count:N0} accounts, {postOutput.Rows:N0} posts");
                }
            }

            posts = postOutput.Rows;
            snapshots = readOutput.Rows;
        }

        files.Add(postsPath);
        files.Add(readsPath);
        progress?.Report($"posts.csv: {posts:N0} posts; reads.csv: {snapshots:N0} snapshots");

        var interactionsPath = Path.Combine(directory, "interactions.csv");
        var interactions = SyntheticInteractions.Write(
            interactionsPath,
            options.Seed,
            until,
            accounts.Select(a => (a.Index, a.Platform.ToCode(), a.AccountId, a.Status == AccountStatus.Active, PostsPerMonth(a.Profile))));
        files.Add(interactionsPath);
        progress?.Report($"interactions.csv: {interactions:N0} messages");
        return new Summary(units.Count, accounts.Count, posts, snapshots, files);
    }

    private static int PostsPerMonth(Profile profile) => profile switch
    {
        Profile.Daily or Profile.Hub => 30,
        Profile.Frequent => 12,
        Profile.Weekly => 4,
        Profile.Rare => 1,
        _ => 0,
    };

    private static List<GeneratedUnit> CountyUnits(long seed, int county)
    {
        var random = DeterministicRandom.For(seed, 1, (ulong)county);
        var code = string.Create(CultureInfo.InvariantCulture, $"43{(county / 20) + 1:00}{(county % 20) + 2:00}");
        var place = ChineseText.PlaceName(random);
        var countyName = place + (random.Chance(0.5) ? "县" : "区");
        var units = new List<GeneratedUnit> { new(code, countyName + "人民政府", UnitLevel.County, null, place) };

        var departments = ChineseText.Departments.Where(_ => random.Chance(0.85)).Append(ChineseText.MediaCenter).ToList();
        for (var i = 0; i < departments.Count; i++)
        {
            units.Add(new GeneratedUnit(string.Create(CultureInfo.InvariantCulture, $"{code}-D{i + 1:00}"), countyName + departments[i], UnitLevel.Department, code, place));
        }

        var townships = random.Between(6, 12);
        var streets = random.Between(3, 6);
        for (var i = 0; i < townships + streets; i++)
        {
            var isStreet = i >= townships;
            var townPlace = ChineseText.PlaceName(random);
            var townCode = string.Create(CultureInfo.InvariantCulture, $"{code}-{i + 1:000}");
            units.Add(new GeneratedUnit(townCode, townPlace + (isStreet ? "街道办事处" : random.Chance(0.8) ? "镇人民政府" : "乡人民政府"),
                isStreet ? UnitLevel.Street : UnitLevel.Township, code, townPlace));
            var children = isStreet ? random.Between(4, 8) : random.Between(5, 12);
            for (var j = 0; j < children; j++)
            {
                var childPlace = ChineseText.PlaceName(random);
                units.Add(new GeneratedUnit(
                    string.Create(CultureInfo.InvariantCulture, $"{townCode}-{j + 1:000}"),
                    childPlace + (isStreet ? "社区居民委员会" : "村民委员会"),
                    isStreet ? UnitLevel.Community : UnitLevel.Village,
                    townCode,
                    childPlace));
            }
        }

        return units;
    }

    private static List<GeneratedAccount> CountyAccounts(long seed, int county, int count, List<GeneratedUnit> units, int firstIndex, DateOnly until)
    {
        var random = DeterministicRandom.For(seed, 2, (ulong)county);
        var accounts = new List<GeneratedAccount>(count);
        var mediaCenter = units.First(u => u.Name.EndsWith(ChineseText.MediaCenter, StringComparison.Ordinal));
        var departments = units.Where(u => u.Level == UnitLevel.Department).ToList();
        var towns = units.Where(u => u.Level is UnitLevel.Township or UnitLevel.Street).ToList();
        var grassroots = units.Where(u => u.Level is UnitLevel.Village or UnitLevel.Community).ToList();

        // A few hubs per county: the media center's accounts that others merge into.
        Platform[] hubPlatforms = random.Chance(0.5) ? [Platform.Wechat, Platform.Douyin, Platform.Weibo] : [Platform.Wechat, Platform.Douyin];
        if (random.Chance(0.3))
        {
            hubPlatforms = [.. hubPlatforms, Platform.Toutiao];
        }

        for (var i = 0; i < count; i++)
        {
            var index = firstIndex + i;
            var isHub = i < Math.Min(hubPlatforms.Length, count);
            var platform = isHub ? hubPlatforms[i] : PickPlatform(random);
            var unit = isHub ? mediaCenter
                : random.NextDouble() switch
                {
                    < 0.45 => random.Pick(departments),
                    < 0.75 => random.Pick(towns),
                    _ => random.Pick(grassroots),
                };
            var statusRoll = random.NextDouble();
            var status = isHub || statusRoll >= 0.06 ? AccountStatus.Active : statusRoll < 0.04 ? AccountStatus.Closed : AccountStatus.Merged;
            var profile = isHub ? Profile.Hub : status != AccountStatus.Active ? (random.Chance(0.7) ? Profile.Dormant : Profile.Never) : PickProfile(random);

            // Some accounts opened recently enough that having no post is still allowed.
            var openedOn = random.Chance(0.02)
                ? until.AddDays(-random.Between(1, 30))
                : new DateOnly(2013, 1, 1).AddDays(random.Next(until.AddDays(-400).DayNumber - new DateOnly(2013, 1, 1).DayNumber));
            var shortName = unit.Name.Replace("人民政府", string.Empty, StringComparison.Ordinal)
                .Replace("办事处", string.Empty, StringComparison.Ordinal)
                .Replace("居民委员会", string.Empty, StringComparison.Ordinal)
                .Replace("民委员会", string.Empty, StringComparison.Ordinal);
            var name = isHub ? (platform == Platform.Wechat ? "指尖" : "掌上") + unit.Place
                : random.Chance(0.5) ? shortName + random.Pick(ChineseText.AccountSuffixes) : unit.Place + random.Pick(ChineseText.AccountSuffixes);
            accounts.Add(new GeneratedAccount(
                index,
                county,
                platform,
                AccountId(platform, index, unit),
                name,
                unit.Code,
                unit.Place,
                openedOn,
                isHub || random.Chance(0.85) ? ChineseText.PersonName(random) : null,
                !isHub && random.Chance(0.08),
                isHub,
                status,
                profile,
                !isHub && random.Chance(0.04),
                isHub ? random.LogNormal(3000, 0.5) : random.LogNormal(160, 1.1)));
        }

        return accounts;
    }

    private static Platform PickPlatform(DeterministicRandom random)
    {
        var roll = random.NextDouble();
        foreach (var (platform, weight) in PlatformWeights)
        {
            roll -= weight;
            if (roll < 0)
            {
                return platform;
            }
        }

        return Platform.Other;
    }

    private static Profile PickProfile(DeterministicRandom random) => random.NextDouble() switch
    {
        < 0.06 => Profile.Never,
        < 0.16 => Profile.Dormant,
        < 0.34 => Profile.Rare,
        < 0.60 => Profile.Weekly,
        < 0.86 => Profile.Frequent,
        _ => Profile.Daily,
    };

    /// <summary>Ids unique per platform by construction: the account's index goes through a bijection of 32-bit integers.</summary>
    private static string AccountId(Platform platform, int index, GeneratedUnit unit)
    {
        var scrambled = unchecked((uint)index * 2654435761u) ^ 0x5bd1e995u;
        return platform switch
        {
            Platform.Wechat => string.Create(CultureInfo.InvariantCulture, $"gh_{scrambled:x8}{index % 4096:x3}a"),
            Platform.Weibo => string.Create(CultureInfo.InvariantCulture, $"{5000000000L + scrambled}"),
            Platform.Douyin => string.Create(CultureInfo.InvariantCulture, $"dy{scrambled:x8}"),
            Platform.Toutiao => string.Create(CultureInfo.InvariantCulture, $"{60000000000L + scrambled}"),
            Platform.Kuaishou => string.Create(CultureInfo.InvariantCulture, $"ks{scrambled}"),
            Platform.Bilibili => string.Create(CultureInfo.InvariantCulture, $"{scrambled}"),
            Platform.App => string.Create(CultureInfo.InvariantCulture, $"app-{unit.Code}-{index}"),
            Platform.Website => string.Create(CultureInfo.InvariantCulture, $"www.{scrambled:x8}.gov.cn"),
            _ => string.Create(CultureInfo.InvariantCulture, $"other-{scrambled:x8}"),
        };
    }

    private static string PostId(GeneratedAccount account, int sequence) => account.Platform switch
    {
        Platform.Wechat => string.Create(CultureInfo.InvariantCulture, $"2247{account.Index:000000}{sequence:0000}_1"),
        Platform.Website or Platform.App or Platform.Other => string.Create(CultureInfo.InvariantCulture, $"art-{sequence + 1}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{4800000000000000L + (account.Index * 100000L) + sequence}"),
    };

    private static string Url(GeneratedAccount account, string postId) => account.Platform switch
    {
        Platform.Wechat => $"https://mp.weixin.qq.com/s/{account.AccountId}-{postId}",
        Platform.Weibo => $"https://weibo.com/{account.AccountId}/{postId}",
        Platform.Douyin => $"https://www.douyin.com/video/{postId}",
        Platform.Website => $"https://{account.AccountId}/{postId}.html",
        _ => $"https://example.gov.cn/{account.Platform.ToCode()}/{account.AccountId}/{postId}",
    };

    /// <summary>The account's posts in publishing order: own posts on its rhythm, plus copies of earlier posts of its county.</summary>
    private static List<PlannedPost> PlanPosts(DeterministicRandom random, GeneratedAccount account, int postsPerAccount, List<SourcePost> sources, DateTimeOffset end)
    {
        var scale = postsPerAccount / 100.0;
        var (count, meanGapDays, lastDaysAgo) = account.Profile switch
        {
            Profile.Never => (0, 1.0, 0.0),
            Profile.Dormant => (random.Between(10, 60), 6.0, random.Between(20, 700)),
            Profile.Rare => (random.Between(25, 70), 14.0, random.Between(0, 12)),
            Profile.Weekly => (random.Between(70, 130), 6.0, random.Between(0, 9)),
            Profile.Frequent => (random.Between(120, 230), 2.5, random.Between(0, 5)),
            Profile.Daily => (random.Between(260, 420), 0.9, random.Between(0, 2)),
            _ => (random.Between(420, 650), 0.6, 0.0),
        };
        count = (int)Math.Round(count * scale);
        var posts = new List<PlannedPost>(count);
        var latest = end.AddHours(-6);
        var opened = ShanghaiCalendar.StartOf(account.OpenedOn);
        var time = latest.AddDays(-lastDaysAgo).AddHours(-random.NextDouble() * 12);
        for (var i = 0; i < count && time > opened; i++)
        {
            var day = ShanghaiCalendar.DayOf(time);
            var published = ShanghaiCalendar.StartOf(day).AddMinutes(420 + random.Next(15 * 60)).AddSeconds(random.Next(60));
            if (published > latest)
            {
                published = latest;
            }

            var copyRate = account.RepostsOnly ? 0.7 : account.IsHub ? 0.01 : 0.07;
            if (sources.Count > 0 && random.Chance(copyRate))
            {
                var source = random.Pick(sources);
                var at = source.PublishedAt.AddMinutes(10 + random.Next(72 * 60));
                at = at > latest ? latest : at;
                var traditional = random.Chance(0.2);
                var content = ChineseText.LightEdit(random, source.Content);
                if (!traditional && random.Chance(0.1))
                {
                    content = ChineseText.AnnotatePinyin(random, content);
                }

                posts.Add(new PlannedPost(
                    at,
                    traditional && source.Title is not null ? ChineseText.ToTraditional(source.Title) : source.Title,
                    traditional ? ChineseText.ToTraditional(content) : content,
                    account.RepostsOnly ? random.Chance(0.1) : random.Chance(0.7)));
            }
            else
            {
                var topic = random.Pick(ChineseText.Topics);
                posts.Add(new PlannedPost(
                    published,
                    random.Chance(0.9) ? ChineseText.Title(random, account.Place, topic) : null,
                    ChineseText.Content(random, account.Place, topic, day),
                    account.RepostsOnly ? random.Chance(0.1) : !random.Chance(account.IsHub ? 0.02 : 0.06)));
            }

            time = time.AddDays(-Math.Max(0.015, random.Exponential(meanGapDays)));
        }

        posts.Sort((a, b) => a.PublishedAt.CompareTo(b.PublishedAt));
        return posts;
    }

    /// <summary>Cumulative figures at one, three and seven days (squeezed for recent posts), growing towards a heavy-tailed total.</summary>
    private static void WriteSnapshots(CsvOutput output, DeterministicRandom random, GeneratedAccount account, string postId, DateTimeOffset published, DateTimeOffset end, int snapshots)
    {
        var total = Math.Min(100_000_000, account.MedianReads * random.Pareto(0.35, 1.6));
        var hasLikes = account.Platform is not (Platform.Website or Platform.App);
        var likeRate = 0.005 + (random.NextDouble() * 0.035);
        var shareRate = 0.001 + (random.NextDouble() * 0.009);
        var lastOffset = Math.Pow(2.6, snapshots - 1);
        var available = (end - published).TotalDays;
        var squeeze = lastOffset > available ? available * 0.95 / lastOffset : 1.0;
        long previous = 0;
        for (var i = 0; i < snapshots; i++)
        {
            var offsetDays = Math.Pow(2.6, i) * squeeze;
            var captured = published.AddSeconds(Math.Round(offsetDays * 86400) + i + 60);
            var share = i == snapshots - 1 ? 1.0 : 0.45 + (0.5 * (i + 1) / snapshots) + (random.NextDouble() * 0.05);
            var reads = Math.Max(previous, (long)Math.Round(total * share));
            previous = reads;
            output.Field(account.Platform.ToCode());
            output.Field(account.AccountId);
            output.Field(postId);
            output.Field(captured.ToOffset(ShanghaiCalendar.Offset));
            output.Field(reads);
            output.Field(hasLikes ? (long?)Math.Round(reads * likeRate) : null);
            output.Field(hasLikes ? (long?)Math.Round(reads * shareRate) : null);
            output.EndRow();
        }
    }
}
