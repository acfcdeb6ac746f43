// Over 300 lines: the demo campaign's replay (its steps, cast and clock) is one seeding pass that runs once; split, its
// private helpers would have to become visible to each other for no other user.
using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Demo;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountRegistry.Application.Dashboard;

/// <summary>
/// The demo county's campaign so far (<see cref="DemoCampaignPlan"/>), replayed day by day through the use cases the
/// reviewer and the clerks call: the rules evaluated every week since the campaign began and today, review decisions, closure requests revised and submitted, approved or rejected, notices posted, proof uploaded,
/// deregistrations recorded and completed. The use cases run on a clock set to each step's moment, so the history, the
/// deadlines and the dashboard read as if it had happened. Runs once: a database with any evaluation is left alone.
/// </summary>
public static partial class DemoCampaign
{
    public const string TriggeredBy = "seed-demo";

    /// <param name="Undecided">Planned decisions that found no open flag to decide on (their cases stopped there).</param>
    /// <param name="Rounds">Inspection rounds checked (last quarter's, published, and this month's sample).</param>
    /// <param name="RectificationTasks">Tasks the published round gave the units.</param>
    public sealed record Result(bool AlreadySeeded, int Evaluations, int Decisions, int Requests, int Completed, int Undecided, int Rounds = 0, int RectificationTasks = 0)
    {
        /// <summary>What the first check of every post found once the county's lists were filled.</summary>
        public int ContentFindings { get; init; }

        /// <summary>Findings the reviewer confirmed or called false alarms.</summary>
        public int ContentDecided { get; init; }

        /// <summary>Posts a closed account published after its closing day (REVIVED), added after the county's posts.</summary>
        public int RevivedPosts { get; init; }
    }

    public sealed class Seeder(IServiceProvider services, IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock)
    {
        public async Task<Result> SeedAsync(CancellationToken cancellationToken = default)
        {
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                if (await db.Evaluations.AnyAsync(cancellationToken)
                    || !await db.Units.AnyAsync(u => u.Code == DemoCountyPlan.CountyCode, cancellationToken))
                {
                    return new Result(true, 0, 0, 0, 0, 0);
                }
            }

            var realNow = clock.GetUtcNow();
            var today = ShanghaiCalendar.Today(clock);
            var replayClock = new ReplayClock(realNow);
            var cast = await Cast.LoadAsync(contexts, cancellationToken);
            var steps = new Steps(new Replay(services, replayClock), cast, today);
            var timeline = new List<(DateTimeOffset At, Func<Task> Run)>();

            // A run a week since the campaign began (the county's nightly run, thinned: the dashboard's zombie line reads
            // the same), and today's.
            var start = DemoCampaignPlan.Start(today);
            var evaluationDays = Enumerable.Range(0, ((today.DayNumber - start.DayNumber) / 7) + 1)
                .Select(w => start.AddDays(7 * w)).Where(d => d < today).Append(today).ToList();
            foreach (var day in evaluationDays)
            {
                timeline.Add((ShanghaiCalendar.StartOf(day).AddHours(2), () => steps.EvaluateAsync(day, cancellationToken)));
            }

            foreach (var (demoCase, index) in DemoCampaignPlan.Cases(today).Where(c => c.Fate != DemoFate.None && c.Stage != DemoStage.Flagged).Select((c, i) => (c, i)))
            {
                timeline.AddRange(steps.Of(demoCase, index, cancellationToken));
            }

            var inspections = new InspectionSteps(steps.Use, cast, contexts, today);
            timeline.AddRange(inspections.Timeline(cancellationToken));
            var content = new ContentSteps(steps.Use, cast, contexts, today);
            timeline.AddRange(content.Timeline(cancellationToken));

            // In time order (a step never runs before the day it happened, nor after now), each on the clock of its moment.
            foreach (var (at, run) in timeline.OrderBy(t => t.At))
            {
                replayClock.Now = at < realNow ? at : realNow;
                await run();
            }

            int revived;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                revived = await Demo.DemoInteractions.AddRevivedPostAsync(db, today, cancellationToken);
            }

            return new Result(false, evaluationDays.Count, steps.Decisions, steps.Requests, steps.Completed, steps.Undecided, inspections.Rounds, inspections.Tasks)
            {
                ContentFindings = content.Findings,
                ContentDecided = content.Decided,
                RevivedPosts = revived,
            };
        }
    }

    /// <summary>The steps of one account's case, each at its moment, and the counts of what they did.</summary>
    private sealed class Steps(Replay use, Cast cast, DateOnly today)
    {
        /// <summary>A 1×1 PNG: the screenshot of the platform's deregistration page a clerk uploads as proof.</summary>
        public static readonly byte[] ProofImage =
        [
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
            0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
            0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
        ];

        private readonly Dictionary<int, int> requests = [];

        public Replay Use => use;

        /// <summary>Accounts whose planned decision found no open flag: their later steps are skipped.</summary>
        private readonly HashSet<int> skipped = [];

        public int Decisions { get; private set; }

        public int Undecided => skipped.Count;

        public int Requests => requests.Count;

        public int Completed { get; private set; }

        /// <summary>The county's weekly run; the first fingerprints the whole demo (as every stored run does), so every run sees its copies.</summary>
        public Task EvaluateAsync(DateOnly day, CancellationToken cancellationToken) =>
            use.Get<RunEvaluation.Handler>().HandleAsync(new RunEvaluation.Command(day, TriggeredBy), cancellationToken);

        public IEnumerable<(DateTimeOffset At, Func<Task> Run)> Of(DemoCase demoCase, int index, CancellationToken cancellationToken)
        {
            var account = cast.Accounts[demoCase.Account.AccountId];
            var decided = demoCase.DecidedOn(today);
            DateTimeOffset At(int daysAfter, int hour) => ShanghaiCalendar.StartOf(decided.AddDays(daysAfter)).AddHours(hour).AddMinutes(index * 7 % 50);

            var clerk = cast.ClerkOf(account.UnitCode);
            var kind = demoCase.Fate == DemoFate.Merge ? ClosureKind.Merge : ClosureKind.Close;
            var reasons = DemoCampaignPlan.ClosureReasonsOf(demoCase.Account, account.Level);
            var plannedLastPost = decided.AddDays(DemoCase.LastPostAfter);
            var hub = demoCase.Fate == DemoFate.Merge ? cast.HubId : (int?)null;
            var takeover = demoCase.Account.ProvidesServices ? "办事服务已迁移至“指尖岳麓”政务服务专区" : null;
            if (demoCase.FiledByClerk)
            {
                // The unit's own request: it waits for the reviewer's approval (or comes back rejected).
                yield return (At(0, 15), async () =>
                    requests[account.Id] = await use.Get<FileClosureRequest.Handler>().HandleAsync(
                        new FileClosureRequest.Command(account.Id, kind, reasons, "清理整合，由本单位主动申请", plannedLastPost, hub, takeover, Submit: demoCase.Stage != DemoStage.Draft),
                        clerk,
                        cancellationToken));
                if (demoCase.Stage is DemoStage.Draft or DemoStage.Submitted)
                {
                    yield break;
                }

                var rejected = demoCase.Stage == DemoStage.Rejected;
                yield return (At(DemoCase.DecideAfter, 11), () => use.Get<DecideClosureRequest.Handler>().HandleAsync(
                    new DecideClosureRequest.Command(
                        requests[account.Id],
                        rejected ? DecideClosureRequest.Decision.Reject : DecideClosureRequest.Decision.Approve,
                        rejected ? "停更日期过近，请留足公告期并说明粉丝迁移安排" : "同意，按期发布停更公告"),
                    cast.Reviewer,
                    cancellationToken));
            }
            else
            {
                yield return (At(0, 10), () => DecideAsync(demoCase, account, cancellationToken));
                if (demoCase.Fate == DemoFate.Retain || demoCase.Stage == DemoStage.Draft)
                {
                    yield break;
                }

                // The reviewer decided, so submitting the completed draft approves it too.
                yield return (At(DemoCase.SubmitAfter, 15), Unless(account.Id, () => use.Get<ReviseClosureRequest.Handler>().HandleAsync(
                    new ReviseClosureRequest.Command(requests[account.Id], kind, reasons, null, plannedLastPost, hub, takeover, Submit: true),
                    clerk,
                    cancellationToken)));
            }

            if (demoCase.Stage is DemoStage.Approved or DemoStage.Rejected)
            {
                yield break;
            }

            yield return (At(DemoCase.NoticeAfter, 16), Unless(account.Id, () => use.Get<PostClosingNotice.Handler>().HandleAsync(
                new PostClosingNotice.Command(requests[account.Id], decided.AddDays(DemoCase.NoticeAfter), $"https://mp.weixin.qq.com/s/demo-{demoCase.Account.AccountId}"),
                clerk,
                cancellationToken)));
            if (demoCase.Stage == DemoStage.NoticePosted)
            {
                yield break;
            }

            yield return (At(DemoCase.DeregisterAfter, 10), Unless(account.Id, async () =>
            {
                await use.Get<ClosureAttachments.Handler>().UploadAsync(
                    new ClosureAttachments.Upload(requests[account.Id], AttachmentPurpose.Proof, "注销成功截图.png", ProofImage.Length, new MemoryStream(ProofImage)),
                    clerk,
                    cancellationToken);
                await use.Get<RecordDeregistration.Handler>().HandleAsync(
                    new RecordDeregistration.Command(requests[account.Id], decided.AddDays(DemoCase.DeregisterAfter), "已在平台完成注销"), clerk, cancellationToken);
            }));
            if (demoCase.Stage == DemoStage.Deregistered)
            {
                yield break;
            }

            yield return (At(DemoCase.CompleteAfter, 9), Unless(account.Id, async () =>
            {
                await use.Get<CompleteClosureRequest.Handler>().HandleAsync(requests[account.Id], cast.Reviewer, cancellationToken);
                Completed++;
            }));
        }

        private Func<Task> Unless(int accountId, Func<Task> step) => () => skipped.Contains(accountId) ? Task.CompletedTask : step();

        private async Task DecideAsync(DemoCase demoCase, Cast.Account account, CancellationToken cancellationToken)
        {
            var command = demoCase.Fate switch
            {
                DemoFate.Close => new DecideAccount.Command { AccountId = account.Id, Kind = DecisionKind.Close },
                DemoFate.Merge => new DecideAccount.Command { AccountId = account.Id, Kind = DecisionKind.Merge, MergeTargetAccountId = cast.HubId },
                DemoFate.Retain => new DecideAccount.Command
                {
                    AccountId = account.Id,
                    Kind = DecisionKind.Retain,
                    RetainReason = DemoCampaignPlan.RetainReasonOf(demoCase.Account),
                    Reason = "经审核保留，纳入日常巡查",
                },
                _ => throw new ArgumentOutOfRangeException(nameof(demoCase), demoCase.Fate, null),
            };
            DecideAccount.Outcome outcome;
            try
            {
                outcome = await use.Get<DecideAccount.Handler>().HandleAsync(command, cast.Reviewer, cancellationToken);
            }
            catch (ReviewRefusedException refused) when (refused.Error == ReviewError.NoOpenFlag)
            {
                // The plan's day for this decision can fall where the weekly run had not flagged the account (the days
                // are spread by the campaign's length, which moves with today): the reviewer had nothing to decide, and
                // the case stops here instead of failing the whole demo.
                skipped.Add(account.Id);
                return;
            }

            Decisions++;
            if (outcome.ClosureRequestId is { } requestId)
            {
                requests[account.Id] = checked((int)requestId);
            }
        }
    }

    /// <summary>Who is who in the demo county: the accounts by their platform id, the hub, the reviewer and the clerks.</summary>
    private sealed class Cast
    {
        public sealed record Account(int Id, string UnitCode, UnitLevel Level);

        private sealed record UnitRow(int Id, string Code, string Path, UnitLevel Level, int? ParentId);

        private Dictionary<string, UnitRow> units = [];

        public Dictionary<string, Account> Accounts { get; private set; } = [];

        public int HubId { get; private set; }

        public int CountyId { get; private set; }

        public UserScope Reviewer { get; private set; } = null!;

        public UserScope Admin { get; private set; } = null!;

        public static async Task<Cast> LoadAsync(IDbContextFactory<RegistryDbContext> contexts, CancellationToken cancellationToken)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var units = await db.Units.AsNoTracking().Select(u => new UnitRow(u.Id, u.Code, u.Path, u.Level, u.ParentId)).ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, cancellationToken);
            var accounts = await db.Accounts.AsNoTracking()
                .Select(a => new { a.Id, a.PlatformAccountId, a.Unit!.Code, a.Unit.Level, a.IsHub, a.Platform })
                .ToListAsync(cancellationToken);
            var county = units[DemoCountyPlan.CountyCode];
            return new Cast
            {
                units = units,
                Accounts = accounts.ToDictionary(a => a.PlatformAccountId, a => new Account(a.Id, a.Code, a.Level), StringComparer.Ordinal),
                CountyId = county.Id,
                HubId = accounts.Where(a => a.IsHub).OrderBy(a => a.Platform != Domain.Accounts.Platform.Wechat).ThenBy(a => a.Id).First().Id,
                Reviewer = new UserScope("reviewer", new HashSet<string> { Roles.Reviewer }, county.Id, county.Path),
                Admin = new UserScope("admin", new HashSet<string> { Roles.Admin }, county.Id, county.Path),
            };
        }

        /// <summary>The clerk of <see cref="ClerkOf"/> for an account by its id; null where its unit has no clerk.</summary>
        public UserScope? ClerkOfAccount(int accountId)
        {
            var account = Accounts.Values.FirstOrDefault(a => a.Id == accountId);
            var unit = account is null ? null : units[account.UnitCode];
            var clerkUnit = unit?.Level is UnitLevel.Community or UnitLevel.Village ? units.Values.Single(u => u.Id == unit.ParentId) : unit;
            return clerkUnit is not null && DemoCountyPlan.Units.SingleOrDefault(u => u.Code == clerkUnit.Code)?.ClerkLogin is not null
                ? ClerkOf(account!.UnitCode)
                : null;
        }

        /// <summary>The clerk who answers for an account: of its own unit, or of the township above a community or village.</summary>
        public UserScope ClerkOf(string unitCode)
        {
            var unit = units[unitCode];
            var clerkUnit = unit.Level is UnitLevel.Community or UnitLevel.Village ? units.Values.Single(u => u.Id == unit.ParentId) : unit;
            var login = DemoCountyPlan.Units.Single(u => u.Code == clerkUnit.Code).ClerkLogin
                ?? throw new InvalidOperationException($"The demo unit {clerkUnit.Code} has no clerk.");
            return new UserScope(login, new HashSet<string> { Roles.Clerk }, clerkUnit.Id, clerkUnit.Path);
        }
    }

    /// <summary>The clock the replayed use cases read: the moment of the step being replayed.</summary>
    private sealed class ReplayClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        // GetUtcNow's contract is an offset of zero; the steps' moments are Shanghai times, and Npgsql refuses to write
        // a timestamptz with any other offset.
        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }

    /// <summary>
    /// The app's own use-case classes as the container builds them, except that those taking a <see cref="TimeProvider"/>
    /// (themselves or through what they depend on) are built again around the replay clock. Everything else (the
    /// database, options, loggers, classes that never read the time) is the container's.
    /// </summary>
    private sealed class Replay(IServiceProvider services, TimeProvider clock)
    {
        private readonly Dictionary<Type, object> built = [];

        public T Get<T>() where T : class => (T)Get(typeof(T));

        private object Get(Type type)
        {
            if (type == typeof(TimeProvider))
            {
                return clock;
            }

            if (built.TryGetValue(type, out var done))
            {
                return done;
            }

            var registered = services.GetService(type);
            var concrete = registered?.GetType() ?? type;
            if (!ReadsTheClock(concrete))
            {
                return registered ?? throw new InvalidOperationException($"{type} is not registered.");
            }

            var constructor = Constructor(concrete);
            var instance = constructor.Invoke(constructor.GetParameters().Select(p => Get(p.ParameterType)).ToArray());
            built[type] = instance;
            return instance;
        }

        private static bool ReadsTheClock(Type type) =>
            type == typeof(TimeProvider)
            || (type.Assembly == typeof(Replay).Assembly && !type.IsInterface && !type.IsAbstract
                && Constructor(type).GetParameters().Any(p => ReadsTheClock(p.ParameterType)));

        private static System.Reflection.ConstructorInfo Constructor(Type type) =>
            type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
    }
}
