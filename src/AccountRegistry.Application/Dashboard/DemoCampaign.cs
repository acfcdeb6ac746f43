using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Demo;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AccountRegistry.Application.Dashboard;

/// <summary>
/// The demo county's campaign so far, so that the dashboard has something to show from the first start: the rules
/// evaluated as of the first day of each of the last six months and today (zombies over time), two flagged accounts
/// retained and one decided for closing by the demo reviewer (a request in progress), and one request a clerk filed
/// three weeks ago and left as a draft (overdue). Runs once: a database with any evaluation is left alone.
/// </summary>
public static class DemoCampaign
{
    public const string TriggeredBy = "seed-demo";

    public sealed record Result(bool AlreadySeeded, int Evaluations, int Decisions, int Requests);

    public sealed class Seeder(
        IDbContextFactory<RegistryDbContext> contexts,
        RunEvaluation.Handler evaluate,
        ReviewQueue.Handler queue,
        DecideAccount.Handler decide,
        IOptions<ClosureOptions> closureOptions,
        TimeProvider clock)
    {
        public async Task<Result> SeedAsync(CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (await db.Evaluations.AnyAsync(cancellationToken))
            {
                return new Result(true, 0, 0, 0);
            }

            var county = await db.Units.AsNoTracking().Where(u => u.Code == DemoCountyPlan.CountyCode)
                .Select(u => new { u.Id, u.Path }).SingleOrDefaultAsync(cancellationToken);
            if (county is null)
            {
                return new Result(true, 0, 0, 0);
            }

            // In date order: each run moves the flags as the nightly run of that day would have.
            var today = ShanghaiCalendar.Today(clock);
            var days = Enumerable.Range(1, 6).Reverse().Select(back => new DateOnly(today.Year, today.Month, 1).AddMonths(-back)).Append(today).ToList();
            foreach (var day in days)
            {
                await evaluate.HandleAsync(new RunEvaluation.Command(day, TriggeredBy), cancellationToken);
            }

            var reviewer = new UserScope("reviewer", new HashSet<string> { Roles.Reviewer }, county.Id, county.Path);
            var waiting = (await queue.HandleAsync(
                new ReviewQueue.Query { Filter = new() { Recommendation = Recommendation.Close }, PageSize = 4 }, reviewer, cancellationToken)).Page.Items;
            var decisions = 0;
            foreach (var (row, index) in waiting.Take(3).Select((row, index) => (row, index)))
            {
                await decide.HandleAsync(
                    index < 2
                        ? new DecideAccount.Command { AccountId = row.AccountId, Kind = DecisionKind.Retain, RetainReason = RetainReason.CarriesService }
                        : new DecideAccount.Command { AccountId = row.AccountId, Kind = DecisionKind.Close },
                    reviewer,
                    cancellationToken);
                decisions++;
            }

            // The overdue request belongs to a township's account, so the per-township table shows who is behind.
            var requests = decisions > 2 ? 1 : 0;
            var others = (await queue.HandleAsync(
                new ReviewQueue.Query { Filter = new() { Recommendation = Recommendation.Close }, PageSize = 50 }, reviewer, cancellationToken)).Page.Items
                .Select(r => r.AccountId).ToList();
            var behind = await db.Accounts
                .Where(a => others.Contains(a.Id) && a.Unit!.Level != UnitLevel.County && a.Unit.Level != UnitLevel.Department)
                .OrderBy(a => a.Id).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
            if (behind is { } behindId)
            {
                var account = await db.Accounts.SingleAsync(a => a.Id == behindId, cancellationToken);
                var clerk = await db.Users.AsNoTracking()
                    .Where(u => u.UnitId == account.UnitId || db.Units.Any(x => x.Id == account.UnitId && x.ParentId == u.UnitId))
                    .Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken) ?? "clerk";
                var filedAt = ShanghaiCalendar.StartOf(today.AddDays(-21)).AddHours(10).ToUniversalTime();
                var request = ClosureRequest.FileClosure(
                    ClosureActor.Clerk(clerk),
                    account,
                    ClosureKind.Close,
                    new ClosureDetails([ClosureReason.Stale], null, today.AddDays(30), null, null),
                    filedAt,
                    closureOptions.Value.ToDeadlines());
                db.ClosureRequests.Add(request);
                await db.SaveChangesAsync(cancellationToken);
                requests++;
            }

            return new Result(false, days.Count, decisions, requests);
        }
    }
}
