// Over 300 lines: the demo county's one seeding pass (units, accounts, posts, users), in the order the data needs;
// the plan it seeds from is data in DemoCountyPlan, not here.
using System.Globalization;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Posts;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Demo;

/// <summary>`registry seed-demo`: loads the demo county and its users once.</summary>
public static class DemoCounty
{
    /// <summary>Every demo user's password. Shown in the README and by scripts/run; never use it outside a demo.</summary>
    public const string DemoPassword = "Demo@2026!";

    public sealed record Result(bool AlreadySeeded, int Units, int Accounts, int Posts, int ReadSnapshots, int Users);

    public sealed record DemoUser(string UserName, string DisplayName, string Role, string? UnitCode);

    public static IReadOnlyList<DemoUser> Users { get; } =
    [
        new("admin", "系统管理员", Roles.Admin, null),
        new("reviewer", "区委网信办 王审核", Roles.Reviewer, DemoCountyPlan.CountyCode),
        new("leader", "区领导 李主任", Roles.Leader, DemoCountyPlan.CountyCode),
        .. DemoCountyPlan.Units.Where(u => u.ClerkLogin is not null)
            .Select(u => new DemoUser(u.ClerkLogin!, $"{u.Name} 办事员", Roles.Clerk, u.Code)),
    ];

    public sealed class Seeder(
        IDbContextFactory<RegistryDbContext> contexts,
        UserManager<AppUser> userManager,
        RoleManager<IdentityRole> roleManager,
        TimeProvider clock)
    {
        /// <summary>Seeds once. The shapes are fixed by a seed; dates are relative to today so the demo always looks current.</summary>
        public async Task<Result> SeedAsync(CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (await db.Units.AnyAsync(u => u.Code == DemoCountyPlan.CountyCode, cancellationToken))
            {
                return new Result(true, 0, 0, 0, 0, 0);
            }

            var today = ShanghaiCalendar.Today(clock);
            var now = clock.GetUtcNow();
            var random = new Random(20261123);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.ChangeTracker.AutoDetectChangesEnabled = false;

            var units = await AddUnitsAsync(db, cancellationToken);
            var accounts = await AddAccountsAsync(db, units, today, random, cancellationToken);
            var (posts, snapshots) = await AddPostsAsync(db, units, accounts, today, now, random, cancellationToken);
            await DemoInteractions.AddAsync(db, [.. accounts.Select(a => a.Account)], today, cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            var users = await AddUsersAsync(units);
            return new Result(false, units.Count, accounts.Count, posts, snapshots, users);
        }

        private static async Task<Dictionary<string, Unit>> AddUnitsAsync(RegistryDbContext db, CancellationToken cancellationToken)
        {
            var units = new Dictionary<string, Unit>(StringComparer.Ordinal);
            foreach (var plan in DemoCountyPlan.Units)
            {
                var unit = new Unit { Code = plan.Code, Name = plan.Name, Level = plan.Level, Parent = plan.ParentCode is null ? null : units[plan.ParentCode] };
                units.Add(plan.Code, unit);
                db.Units.Add(unit);
            }

            await db.SaveChangesAsync(cancellationToken);
            await UnitPaths.RecomputeAsync(db, cancellationToken);
            return units;
        }

        private static async Task<List<(DemoAccount Plan, Account Account)>> AddAccountsAsync(
            RegistryDbContext db, Dictionary<string, Unit> units, DateOnly today, Random random, CancellationToken cancellationToken)
        {
            string[] operators = ["张敏", "李娜", "王磊", "刘洋", "陈静", "杨帆", "赵丽", "黄婷", "周杰", "吴芳", "徐斌", "孙悦"];
            var accounts = new List<(DemoAccount, Account)>();
            foreach (var plan in DemoCountyPlan.Accounts)
            {
                var openedYearsAgo = plan.Profile == DemoProfile.Hub ? 8 : 3 + random.Next(6);
                var account = new Account
                {
                    Platform = plan.Platform,
                    PlatformAccountId = plan.AccountId,
                    Name = plan.Name,
                    UnitId = units[plan.UnitCode].Id,
                    OpenedOn = today.AddYears(-openedYearsAgo).AddDays(-random.Next(300)),
                    Operator = plan.Unattended ? null : operators[random.Next(operators.Length)],
                    ProvidesServices = plan.ProvidesServices,
                    IsHub = plan.Profile == DemoProfile.Hub,
                };
                accounts.Add((plan, account));
                db.Accounts.Add(account);
            }

            await db.SaveChangesAsync(cancellationToken);
            return accounts;
        }

        private const int NearStaleSilentDays = 11;

        /// <summary>The content slips' own stream (<see cref="DemoContentSlips"/>), apart from the county's.</summary>
        private const int SlipsSeed = 20261207;

        /// <summary>The released posts' reads, a stream of their own.</summary>
        private const int ReleasesSeed = 20261208;

        /// <summary>指尖岳麓, the media center's WeChat account, whose releases the others repost.</summary>
        private static readonly string ReleasingHubAccountId = DemoCountyPlan.Accounts.First(a => a.Profile == DemoProfile.Hub && a.Platform == Platform.Wechat).AccountId;

        private static readonly string NearStaleAccountId = DemoCountyPlan.Accounts.Last(a =>
            a.Profile == DemoProfile.Healthy && a.Platform == Platform.Wechat
            && DemoCountyPlan.Units.First(u => string.Equals(u.Code, a.UnitCode, StringComparison.Ordinal)).Level == UnitLevel.Department).AccountId;

        private static async Task<(int Posts, int Snapshots)> AddPostsAsync(
            RegistryDbContext db,
            Dictionary<string, Unit> units,
            List<(DemoAccount Plan, Account Account)> accounts,
            DateOnly today,
            DateTimeOffset now,
            Random random,
            CancellationToken cancellationToken)
        {
            var texts = new DemoTexts(random);
            var slips = new DemoContentSlips(new Random(SlipsSeed));
            var start = today.AddDays(-730);
            var campaignStart = DemoCampaignPlan.Start(today);
            var lastPosts = DemoCampaignPlan.Cases(today).ToDictionary(c => c.Account.AccountId, c => c.LastPostOn(today), StringComparer.Ordinal);
            var postCount = 0;
            var snapshotCount = 0;
            var pending = new List<(Post Post, long Reads)>();

            long releasingHubReads = 0;

            // Stories of each township, so its communities can write the same activity up again.
            var townshipStories = new Dictionary<string, List<(DateTimeOffset At, string Title, string Content, string Unit)>>(StringComparer.Ordinal);

            foreach (var (plan, account) in accounts.OrderBy(a => a.Plan.Profile == DemoProfile.Copier))
            {
                var unit = units[plan.UnitCode];
                var shortName = ShortName(unit.Name);
                var (interval, lastDay, readsBase, originalShare) = Shape(plan.Profile, unit.Level, today, random);
                if (plan.AccountId == ReleasingHubAccountId)
                {
                    releasingHubReads = readsBase;
                }
                if (interval == 0)
                {
                    continue;
                }

                // One department's WeChat account went quiet eleven days ago: inside the inspection's warning window
                // (NEAR_STALE, 10 to 14 days), not yet vetoed nor flagged STALE, on whatever day the demo is loaded.
                if (plan.AccountId == NearStaleAccountId)
                {
                    lastDay = today.AddDays(-NearStaleSilentDays);
                }

                // An account the campaign closes stops publishing on the last day its notice announced.
                if (lastPosts[plan.AccountId] is { } stops && stops < lastDay)
                {
                    lastDay = stops;
                }

                var firstDay = account.OpenedOn > start ? account.OpenedOn : start;
                var sequence = 0;
                for (var day = firstDay.AddDays(random.Next(interval)); day <= lastDay; day = day.AddDays(Math.Max(1, interval + random.Next(-interval / 2, interval / 2 + 1))))
                {
                    var at = ShanghaiCalendar.StartOf(day).AddHours(8 + random.Next(11)).AddMinutes(random.Next(60));
                    var isOriginal = random.NextDouble() < originalShare;
                    (string Title, string Content) text;
                    if (plan.Profile == DemoProfile.Copier && ParentCode(plan.UnitCode) is { } parent
                        && townshipStories.TryGetValue(parent, out var stories) && stories.Count > 0 && random.NextDouble() < 0.8)
                    {
                        // 一稿多投: the township's story again, a day or two later, lightly rewritten.
                        var story = stories[random.Next(stories.Count)];
                        at = story.At.AddHours(6 + random.Next(40));
                        if (ShanghaiCalendar.DayOf(at) > lastDay)
                        {
                            continue;
                        }

                        text = texts.Rewrite((story.Title, story.Content), story.Unit, shortName);
                    }
                    else if (!isOriginal)
                    {
                        text = texts.Repost("指尖岳麓", "岳麓区", day);
                    }
                    else
                    {
                        text = texts.Story(shortName, day);
                        if (unit.Level is not (UnitLevel.Township or UnitLevel.Street) && plan.Profile != DemoProfile.Hub)
                        {
                            text = slips.MaybeSlip(text);
                        }
                    }

                    if (unit.Level is UnitLevel.Township or UnitLevel.Street && isOriginal)
                    {
                        if (!townshipStories.TryGetValue(plan.UnitCode, out var list))
                        {
                            townshipStories[plan.UnitCode] = list = [];
                        }

                        list.Add((at, text.Title, text.Content, shortName));
                    }

                    var post = DemoPost(account, string.Create(CultureInfo.InvariantCulture, $"{++sequence:00000}"), at, text, isOriginal);
                    db.Posts.Add(post);
                    pending.Add((post, plan.Profile switch
                    {
                        DemoProfile.Hub => HeavyTailed(HubReach(readsBase, day, campaignStart, today), random, spread: 0.5),

                        // A low-reads account stays low: with the full tail, one post of several hundred reads lifted
                        // its 90-day mean over LOW_READS' 100 for weeks, and the campaign's decision on it found no flag.
                        DemoProfile.LowReads => HeavyTailed(readsBase, random, spread: 0.5),
                        _ => HeavyTailed(readsBase, random),
                    }));
                    postCount++;
                }

                if (pending.Count >= 4000)
                {
                    snapshotCount += await FlushAsync(db, pending, now, random, cancellationToken);
                }
            }

            snapshotCount += await FlushAsync(db, pending, now, random, cancellationToken);

            // The releases the accounts above reposted, as the media center published them first, early each morning
            // (reposts come from 08:00): 重复稿件 then shows 指尖岳麓 as each release's source. Drawn from a stream of
            // their own, after every other post, so the rest of the county is the same as without them.
            var hub = accounts.Single(a => a.Plan.AccountId == ReleasingHubAccountId).Account;
            var releaseRandom = new Random(ReleasesSeed);
            foreach (var ((day, number), release) in texts.Releases.OrderBy(r => r.Key.Day).ThenBy(r => r.Key.Number))
            {
                var at = ShanghaiCalendar.StartOf(day).AddHours(7).AddMinutes(20 * number);
                if (at > now)
                {
                    continue;
                }

                var post = DemoPost(hub, string.Create(CultureInfo.InvariantCulture, $"release-{day:yyyyMMdd}-{number + 1}"), at, release, isOriginal: true);
                db.Posts.Add(post);
                pending.Add((post, HeavyTailed(HubReach(releasingHubReads, day, campaignStart, today), releaseRandom, spread: 0.5)));
                postCount++;
            }

            snapshotCount += await FlushAsync(db, pending, now, releaseRandom, cancellationToken);
            return (postCount, snapshotCount);
        }

        /// <summary>A post of the demo: its platform id is the account's and <paramref name="postId"/>, its page under example.gov.cn.</summary>
        private static Post DemoPost(Account account, string postId, DateTimeOffset at, (string Title, string Content) text, bool isOriginal) => new()
        {
            AccountId = account.Id,
            PlatformPostId = $"{account.PlatformAccountId}-{postId}",
            PublishedAt = at,
            Title = text.Title,
            Content = text.Content,
            IsOriginal = isOriginal,
            Url = $"https://example.gov.cn/{account.Platform.ToCode()}/{account.PlatformAccountId}/{postId}",
        };

        /// <summary>Saves the pending posts, then two cumulative snapshots each (a day and a week after publication, when already past).</summary>
        private static async Task<int> FlushAsync(RegistryDbContext db, List<(Post Post, long Reads)> pending, DateTimeOffset now, Random random, CancellationToken cancellationToken)
        {
            await db.SaveChangesAsync(cancellationToken);
            var count = 0;
            foreach (var (post, reads) in pending)
            {
                var firstDay = post.PublishedAt.AddDays(1);
                if (firstDay <= now)
                {
                    db.ReadSnapshots.Add(new ReadSnapshot { PostId = post.Id, CapturedAt = firstDay, Reads = reads * 7 / 10, Likes = reads / 50, Shares = reads / 120 });
                    count++;
                }

                // Drawn whether or not the week has passed: a draw that depended on the time of day would shift every
                // later draw, and the demo county would differ between a morning's and an evening's load.
                var likesJitter = random.Next(3);
                var week = post.PublishedAt.AddDays(7);
                if (week <= now)
                {
                    db.ReadSnapshots.Add(new ReadSnapshot { PostId = post.Id, CapturedAt = week, Reads = reads, Likes = (reads / 40) + likesJitter, Shares = reads / 100 });
                    count++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            pending.Clear();
            return count;
        }

        private static (int Interval, DateOnly LastDay, long ReadsBase, double OriginalShare) Shape(DemoProfile profile, UnitLevel level, DateOnly today, Random random)
        {
            var reach = level switch
            {
                UnitLevel.County or UnitLevel.Department => 1500,
                UnitLevel.Township or UnitLevel.Street => 400,
                _ => 150,
            };
            return profile switch
            {
                DemoProfile.Hub => (1, today, 8000, 0.95),
                DemoProfile.Healthy => (2 + random.Next(3), today.AddDays(-random.Next(5)), reach, 0.9),
                DemoProfile.LowReads => (5 + random.Next(5), today.AddDays(-random.Next(8)), 30, 0.8),
                DemoProfile.StaleWeeks => (4 + random.Next(4), today.AddDays(-(20 + random.Next(60))), reach / 3, 0.8),
                DemoProfile.StaleYears => (7 + random.Next(7), today.AddDays(-(400 + random.Next(300))), 60, 0.7),
                DemoProfile.NeverPosted => (0, today, 0, 0),
                DemoProfile.RepostOnly => (3 + random.Next(3), today.AddDays(-random.Next(6)), 40, 0.08),
                DemoProfile.Copier => (6 + random.Next(5), today.AddDays(-random.Next(6)), 35, 1.0),
                _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, null),
            };
        }

        /// <summary>
        /// The hub's readers grow as the campaign sends the merged accounts' followers to it: its usual reach rises from the
        /// campaign's start to two and a half times by today.
        /// </summary>
        private static long HubReach(long readsBase, DateOnly day, DateOnly campaignStart, DateOnly today)
        {
            if (day <= campaignStart)
            {
                return readsBase;
            }

            var progress = (double)(day.DayNumber - campaignStart.DayNumber) / Math.Max(1, today.DayNumber - campaignStart.DayNumber);
            return (long)(readsBase * (1 + (1.5 * progress)));
        }

        /// <summary>
        /// Reads follow a heavy tail: most posts near the account's usual reach, a few far above it. The hubs' spread is
        /// narrower (a large, steady readership), so their monthly reach shows the trend rather than one viral post.
        /// </summary>
        private static long HeavyTailed(long readsBase, Random random, double spread = 0.9)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            return Math.Max(1, (long)(readsBase * Math.Exp(spread * normal)));
        }

        private static string? ParentCode(string unitCode)
        {
            var plan = DemoCountyPlan.Units.First(u => u.Code == unitCode);
            var parent = plan.ParentCode is null ? null : DemoCountyPlan.Units.First(u => u.Code == plan.ParentCode);
            return parent?.Level is UnitLevel.Township or UnitLevel.Street ? parent.Code : null;
        }

        private static string ShortName(string unitName)
        {
            foreach (var suffix in new[] { "办事处", "人民政府", "居民委员会", "村民委员会" })
            {
                if (unitName.EndsWith(suffix, StringComparison.Ordinal))
                {
                    return unitName[..^suffix.Length];
                }
            }

            return unitName;
        }

        private async Task<int> AddUsersAsync(Dictionary<string, Unit> units)
        {
            foreach (var role in Roles.All)
            {
                if (!await roleManager.RoleExistsAsync(role))
                {
                    Check(await roleManager.CreateAsync(new IdentityRole(role)), role);
                }
            }

            var created = 0;
            foreach (var demo in Users)
            {
                if (await userManager.FindByNameAsync(demo.UserName) is not null)
                {
                    continue;
                }

                var user = new AppUser
                {
                    UserName = demo.UserName,
                    DisplayName = demo.DisplayName,
                    UnitId = demo.UnitCode is null ? null : units[demo.UnitCode].Id,
                };
                Check(await userManager.CreateAsync(user, DemoPassword), demo.UserName);
                Check(await userManager.AddToRoleAsync(user, demo.Role), demo.UserName);
                created++;
            }

            return created;
        }

        private static void Check(IdentityResult result, string what)
        {
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }
        }
    }
}
