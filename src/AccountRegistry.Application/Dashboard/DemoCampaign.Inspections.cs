using System.Globalization;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Dashboard;

public static partial class DemoCampaign
{
    /// <summary>
    /// The inspection half of the demo, on the same replay: last quarter's round over the whole district (checked,
    /// two manual findings, published, so its 通报 and rectification tasks exist), the clerks' answers and the reviewer's
    /// verdicts on about two thirds of the tasks (the rest left open and overdue by now), and this month's 30 % sample,
    /// checked but not published, for trying the round's page. Without it the dashboard's inspection and rectification
    /// panels, the rounds list and the clerks' tasks are empty until someone inspects.
    /// </summary>
    private sealed class InspectionSteps(Replay use, Cast cast, IDbContextFactory<RegistryDbContext> contexts, DateOnly today)
    {
        /// <summary>A quarter's round is opened this long after its check point at the earliest, so that publishing, the
        /// ten working days of rectification and the reviews all lie before today.</summary>
        private const int QuarterRoundMinimumAgeDays = 40;

        private const decimal SampleShare = 0.3m;

        private const long SampleSeed = 20261;

        public int Rounds { get; private set; }

        public int Tasks { get; private set; }

        /// <summary>The latest quarter end at least <see cref="QuarterRoundMinimumAgeDays"/> days before today.</summary>
        public static DateOnly QuarterCheckPoint(DateOnly today)
        {
            var quarterEnd = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1).AddDays(-1);
            while (today.DayNumber - quarterEnd.DayNumber < QuarterRoundMinimumAgeDays)
            {
                quarterEnd = new DateOnly(quarterEnd.Year, quarterEnd.Month, 1).AddMonths(-2).AddDays(-1);
            }

            return quarterEnd;
        }

        public IEnumerable<(DateTimeOffset At, Func<Task> Run)> Timeline(CancellationToken cancellationToken)
        {
            var checkPoint = QuarterCheckPoint(today);
            DateTimeOffset At(DateOnly day, int hour, int minute = 0) => ShanghaiCalendar.StartOf(day).AddHours(hour).AddMinutes(minute);
            var quarter = string.Create(CultureInfo.InvariantCulture, $"{checkPoint.Year}年第{(checkPoint.Month + 2) / 3}季度政务新媒体检查");
            long quarterRound = 0;
            var opened = checkPoint.AddDays(3);
            var published = checkPoint.AddDays(6);

            yield return (At(opened, 9, 30), async () =>
                quarterRound = (await use.Get<OpenInspectionRound.Handler>().HandleAsync(
                    new OpenInspectionRound.Command(quarter, checkPoint, RoundScope.District, [cast.CountyId], RoundSampling.AllLive, null),
                    cast.Reviewer,
                    cancellationToken)).RoundId);
            yield return (At(opened, 9, 40), () => RunAsync(quarterRound, cancellationToken));
            yield return (At(opened.AddDays(1), 14), () => AddFindingsAsync(quarterRound, cancellationToken));
            yield return (At(published, 16), async () =>
            {
                await use.Get<PublishInspectionRound.Handler>().HandleAsync(
                    new PublishInspectionRound.Command(quarterRound, await RoundVersionAsync(quarterRound, cancellationToken)), cast.Reviewer, cancellationToken);
                Rounds++;
            });

            // Two thirds of the units answer within the week; the reviewer accepts half of those and sends one in six back.
            yield return (At(published.AddDays(5), 10), () => ForTasksAsync(quarterRound, (task, index) => index % 3 == 2 ? Task.CompletedTask : AnswerAsync(task, cancellationToken), cancellationToken));
            yield return (At(published.AddDays(8), 15), () => ForTasksAsync(quarterRound, (task, index) => (index % 6) switch
            {
                0 or 3 => ReviewAsync(task, accept: true, null, cancellationToken),
                1 => ReviewAsync(task, accept: false, "整改说明未附更新后的页面截图，请补充后重新提交", cancellationToken),
                _ => Task.CompletedTask,
            }, cancellationToken));

            // This month's sample, checked yesterday's data and left unpublished for the reviewer.
            var sample = string.Create(CultureInfo.InvariantCulture, $"{today.Year}年{today.Month}月政务新媒体抽查");
            long sampleRound = 0;
            yield return (At(today, 8, 30), async () =>
                sampleRound = (await use.Get<OpenInspectionRound.Handler>().HandleAsync(
                    new OpenInspectionRound.Command(sample, today.AddDays(-1), RoundScope.District, [cast.CountyId], RoundSampling.Stratified, SampleShare, SampleSeed),
                    cast.Reviewer,
                    cancellationToken)).RoundId);
            yield return (At(today, 8, 40), async () =>
            {
                await RunAsync(sampleRound, cancellationToken);
                Rounds++;
            });
        }

        private async Task RunAsync(long roundId, CancellationToken cancellationToken) =>
            await use.Get<RunInspectionRound.Handler>().HandleAsync(
                new RunInspectionRound.Command(roundId, await RoundVersionAsync(roundId, cancellationToken)), cast.Reviewer, cancellationToken);

        /// <summary>What the data cannot show: a WeChat account whose service menu is broken (veto) and a Weibo account liking unrelated posts.</summary>
        private async Task AddFindingsAsync(long roundId, CancellationToken cancellationToken)
        {
            (string Platform, ManualFindingKind Kind, ManualFindingItem Item, int Points, string Note)[] findings =
            [
                ("wechat", ManualFindingKind.Veto, ManualFindingItem.BrokenMenu, 0, "“办事指南”菜单链接失效，点击后显示404"),
                ("weibo", ManualFindingKind.Deduction, ManualFindingItem.UnrelatedLikes, 5, "近一月点赞多条与政务无关的娱乐内容"),
            ];
            foreach (var finding in findings)
            {
                int? accountId;
                await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
                {
                    accountId = await db.InspectionRoundAccounts.AsNoTracking()
                        .Where(a => a.RoundId == roundId && a.Platform == finding.Platform && !db.Accounts.Any(h => h.Id == a.AccountId && h.IsHub))
                        .OrderBy(a => a.AccountId).Select(a => (int?)a.AccountId).FirstOrDefaultAsync(cancellationToken);
                }

                if (accountId is null)
                {
                    continue;
                }

                await use.Get<AddRoundFinding.Handler>().HandleAsync(
                    new AddRoundFinding.Command(roundId, await RoundVersionAsync(roundId, cancellationToken), accountId.Value, finding.Kind, finding.Item,
                        finding.Points, finding.Note, "检查截图.png", new MemoryStream(Steps.ProofImage)),
                    cast.Reviewer,
                    cancellationToken);
            }
        }

        private async Task ForTasksAsync(long roundId, Func<RectificationTask, int, Task> act, CancellationToken cancellationToken)
        {
            List<RectificationTask> tasks;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                tasks = await db.RectificationTasks.AsNoTracking().Where(t => t.RoundId == roundId).OrderBy(t => t.Id).ToListAsync(cancellationToken);
            }

            Tasks = tasks.Count;
            foreach (var (task, index) in tasks.Select((t, i) => (t, i)))
            {
                await act(task, index);
            }
        }

        private async Task AnswerAsync(RectificationTask task, CancellationToken cancellationToken)
        {
            if (cast.ClerkOfAccount(task.AccountId) is not { } clerk)
            {
                return;
            }

            await use.Get<AnswerRectification.Handler>().HandleAsync(
                new AnswerRectification.Command(task.Id, task.Version, "已恢复日常更新并指定专人负责留言回复，附整改后页面截图",
                    [new EvidenceUpload("整改后截图.png", Steps.ProofImage.Length, new MemoryStream(Steps.ProofImage))]),
                clerk,
                cancellationToken);
        }

        private async Task ReviewAsync(RectificationTask task, bool accept, string? reason, CancellationToken cancellationToken)
        {
            RectificationTask current;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                current = await db.RectificationTasks.AsNoTracking().SingleAsync(t => t.Id == task.Id, cancellationToken);
            }

            if (current.State == RectificationState.Answered)
            {
                await use.Get<ReviewRectification.Handler>().HandleAsync(new ReviewRectification.Command(task.Id, current.Version, accept, reason), cast.Reviewer, cancellationToken);
            }
        }

        private async Task<uint> RoundVersionAsync(long roundId, CancellationToken cancellationToken)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.InspectionRounds.Where(r => r.Id == roundId).Select(r => r.Version).SingleAsync(cancellationToken);
        }
    }
}
