using AccountRegistry.Application.Content;
using AccountRegistry.Application.Demo;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Content;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Dashboard;

public static partial class DemoCampaign
{
    /// <summary>
    /// 内容巡查 in the demo, on the same replay: two days into the campaign the administrator fills the county's lists
    /// (two official names with their wrong forms, the government's domain as the one allowed for links) and every post
    /// is checked, which finds the slips <see cref="DemoContentSlips"/> planted; the day after last quarter's check
    /// point, before its round is checked, the reviewer decides every finding on a post published by then (the leaks,
    /// wrong names and short links confirmed, the provincial job platform called a false alarm), so that round's
    /// 单项否决 include VETO_SECURITY. Findings on later posts wait in the queue.
    /// </summary>
    private sealed class ContentSteps(Replay use, Cast cast, IDbContextFactory<RegistryDbContext> contexts, DateOnly today)
    {
        public int Findings { get; private set; }

        public int Decided { get; private set; }

        public IEnumerable<(DateTimeOffset At, Func<Task> Run)> Timeline(CancellationToken cancellationToken)
        {
            yield return (ShanghaiCalendar.StartOf(DemoCampaignPlan.Start(today).AddDays(2)).AddHours(10), () => FillListsAsync(cancellationToken));
            var decidedAt = ShanghaiCalendar.StartOf(InspectionSteps.QuarterCheckPoint(today).AddDays(1)).AddHours(15);
            yield return (decidedAt, () => DecideAsync(decidedAt, cancellationToken));
        }

        private async Task FillListsAsync(CancellationToken cancellationToken)
        {
            var terms = use.Get<ContentTerms.Handler>();
            foreach (var (name, wrongForms) in DemoContentSlips.OfficialNames)
            {
                await terms.SaveAsync(new ContentTerms.SaveCommand(null, ContentTermKind.OfficialName, name, wrongForms, "区委办公室核定的规范名称", null), cast.Admin, cancellationToken);
            }

            await terms.SaveAsync(new ContentTerms.SaveCommand(null, ContentTermKind.AllowedDomain, "gov.cn", [], "政府网站", null), cast.Admin, cancellationToken);
            Findings = (await use.Get<ContentInspector>().RunAsync(null, cancellationToken)).Findings;

            // The demo's posts all exist before its replay starts, so this one check also found the slips of posts the
            // replay has not reached; the app's worker would have found each the hour it was published.
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync(
                "UPDATE content_findings f SET found_at = p.published_at + interval '1 hour' FROM posts p WHERE p.id = f.post_id AND p.published_at > f.found_at",
                cancellationToken);
        }

        private async Task DecideAsync(DateTimeOffset decidedAt, CancellationToken cancellationToken)
        {
            List<(long Id, ContentCheck Check, string Text, uint Version)> open;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                open = (await db.ContentFindings.AsNoTracking()
                    .Where(f => f.Status == ContentFindingStatus.Open && db.Posts.Any(p => p.Id == f.PostId && p.PublishedAt < decidedAt))
                    .OrderBy(f => f.Id)
                    .Select(f => new { f.Id, f.Check, f.MatchedText, f.Version })
                    .ToListAsync(cancellationToken))
                    .Select(f => (f.Id, f.Check, f.MatchedText, f.Version))
                    .ToList();
            }

            var decide = use.Get<DecideContentFinding.Handler>();
            foreach (var (id, check, text, version) in open)
            {
                var (verdict, note) = check switch
                {
                    ContentCheck.ExternalLink when text.Contains(DemoContentSlips.JobPlatformHost, StringComparison.OrdinalIgnoreCase) =>
                        (DecideContentFinding.Verdict.FalseAlarm, "湖南公共招聘网为省人社厅官方平台，链接可保留"),
                    ContentCheck.ExternalLink => (DecideContentFinding.Verdict.Confirm, "短链接去向无法核实，已通知账号删除"),
                    ContentCheck.Privacy => (DecideContentFinding.Verdict.Confirm, "已通知责任单位删除，打码后重新发布"),
                    _ => (DecideContentFinding.Verdict.Confirm, "已通知责任单位更正"),
                };
                await decide.DecideAsync(new DecideContentFinding.Command(id, verdict, note, version), cast.Reviewer, cancellationToken);
                Decided++;
            }
        }
    }
}
