using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Common;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Filings;

/// <summary>
/// 逾期未备案: live accounts with no filing number whose filing deadline (the 5th working day of the app's working
/// calendar after the opening day, that day not counted) has passed, oldest first, paged in SQL and limited to the
/// user's units.
/// </summary>
public static class UnfiledAccounts
{
    /// <summary>New accounts must be filed within five working days of opening.</summary>
    public const int FilingWorkingDays = 5;

    public sealed record Row(int AccountId, Platform Platform, string PlatformAccountId, string Name, string UnitName, DateOnly OpenedOn, DateOnly Deadline);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, ClosureDeadlines deadlines, TimeProvider clock)
    {
        public async Task<PagedResult<Row>> HandleAsync(int page, int pageSize, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(scope);
            if (!scope.Meets(Policies.District))
            {
                throw new UnauthorizedAccessException("Only administrators and reviewers see the filing register.");
            }

            pageSize = Math.Clamp(pageSize, 1, 200);
            page = Math.Max(1, page);
            var calendar = deadlines.Calendar;
            var cutoff = LatestOverdueOpening(calendar, ShanghaiCalendar.Today(clock));

            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var query = db.Accounts.AsNoTracking().VisibleTo(scope)
                .Where(a => a.Status == AccountStatus.Active && (a.FilingNo == null || a.FilingNo == string.Empty) && a.OpenedOn <= cutoff);
            var total = await query.CountAsync(cancellationToken);
            var rows = await query
                .OrderBy(a => a.OpenedOn).ThenBy(a => a.Id)
                .Skip((page - 1) * pageSize).Take(pageSize)
                .Select(a => new { a.Id, a.Platform, a.PlatformAccountId, a.Name, UnitName = a.Unit!.Name, a.OpenedOn })
                .ToListAsync(cancellationToken);
            return new PagedResult<Row>(
                [.. rows.Select(r => new Row(r.Id, r.Platform, r.PlatformAccountId, r.Name, r.UnitName, r.OpenedOn, calendar.AddWorkingDays(r.OpenedOn, FilingWorkingDays)))],
                total, page, pageSize);
        }
    }

    /// <summary>
    /// The last opening day whose deadline lies before <paramref name="today"/>: the deadline never moves back as the
    /// opening day moves forward, so every account opened on or before it is overdue and none opened after it is.
    /// </summary>
    public static DateOnly LatestOverdueOpening(WorkingCalendar calendar, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var day = today.AddDays(-1);
        while (calendar.AddWorkingDays(day, FilingWorkingDays) >= today)
        {
            day = day.AddDays(-1);
        }

        return day;
    }
}
