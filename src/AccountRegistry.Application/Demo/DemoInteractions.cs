using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Interactions;
using AccountRegistry.Domain.Posts;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Demo;

/// <summary>
/// The demo county's part of spec/inspection.md, so that every indicator and warning shows somewhere: filing
/// numbers (a few accounts never filed), a few accounts without a way for the public to write, messages answered
/// promptly, slowly, never and one left for over three months, praise that needs no reply, and a closed account that
/// still publishes. Fixed by the account's place in the plan; dates relative to today like the rest of the demo.
/// </summary>
internal static class DemoInteractions
{
    public static async Task<int> AddAsync(RegistryDbContext db, IReadOnlyList<Account> accounts, DateOnly today, CancellationToken cancellationToken)
    {
        var notFiled = new List<int>();
        var notInteractive = new List<int>();
        var added = 0;
        for (var i = 0; i < accounts.Count; i++)
        {
            var account = accounts[i];
            if (i % 8 == 3)
            {
                notFiled.Add(account.Id);
            }

            if (i % 25 == 7)
            {
                notInteractive.Add(account.Id);
                continue;
            }

            if (!account.IsLive)
            {
                continue;
            }

            foreach (var (daysAgo, replyHours, needsReply) in Messages(i % 10))
            {
                var received = ShanghaiCalendar.StartOf(today.AddDays(-daysAgo)).AddHours(9 + (i % 9));
                db.Interactions.Add(new Interaction
                {
                    AccountId = account.Id,
                    MessageId = $"{account.PlatformAccountId}-msg{++added}",
                    Kind = added % 3 == 0 ? InteractionKind.Comment : InteractionKind.Message,
                    ReceivedAt = received,
                    RepliedAt = replyHours is { } hours ? received.AddHours(hours) : null,
                    NeedsReply = needsReply,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        var filed = accounts.Select(a => a.Id).Except(notFiled).ToArray();
        await db.Database.ExecuteSqlAsync(
            $"UPDATE accounts SET filing_no = '湘网备-' || lpad(id::text, 6, '0') WHERE id = ANY({filed})", cancellationToken);
        var mute = notInteractive.ToArray();
        await db.Database.ExecuteSqlAsync($"UPDATE accounts SET interactive = FALSE WHERE id = ANY({mute})", cancellationToken);
        return added;
    }

    /// <summary>(days ago received, hours until the reply or null, needs a reply) by the account's answering habit.</summary>
    private static IEnumerable<(int DaysAgo, double? ReplyHours, bool NeedsReply)> Messages(int habit) => habit switch
    {
        // Answered promptly: within a day.
        0 or 1 or 2 or 3 => [(3, 5, true), (12, 20, true), (30, 2, true), (45, null, false)],

        // Answered, but slowly: about two weeks later.
        4 or 5 => [(20, 14 * 24, true), (40, 12 * 24, true), (60, 9 * 24, true), (8, 3, true)],

        // Never answered: these become overdue.
        6 => [(15, null, true), (25, null, true), (2, null, true)],

        // One message left for over three months: the single veto.
        7 => [(100, null, true), (5, 6, true)],

        // Praise and emoji only: nothing to answer.
        8 => [(6, null, false), (16, null, false)],
        _ => [],
    };

    /// <summary>
    /// A closed account that published after its closing day: reopened or taken over (REVIVED). Run after the campaign,
    /// which is what closes accounts; the first account it closed, so that the choice is fixed by the plan. Returns the
    /// posts added (none when the campaign closed no account early enough).
    /// </summary>
    public static async Task<int> AddRevivedPostAsync(RegistryDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var lastClosingDay = today.AddDays(-3);
        var closed = await db.Accounts
            .Where(a => a.Status == AccountStatus.Closed && a.StatusChangedOn != null && a.StatusChangedOn < lastClosingDay)
            .OrderBy(a => a.StatusChangedOn).ThenBy(a => a.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (closed is null)
        {
            return 0;
        }

        db.Posts.Add(new Post
        {
            AccountId = closed.Id,
            PlatformPostId = $"{closed.PlatformAccountId}-after-closing",
            PublishedAt = ShanghaiCalendar.StartOf(today.AddDays(-2)).AddHours(10),
            Title = closed.Name,
            Content = closed.Name,
            IsOriginal = true,
        });
        await db.SaveChangesAsync(cancellationToken);
        return 1;
    }
}
