using AccountRegistry.Application.Common;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Notifications;

/// <summary>The bell: a user's own notifications, unread first. Nobody reads or marks another user's.</summary>
public static class NotificationInbox
{
    public sealed record Item(long Id, string Kind, string? Subject, string? Actor, string? Note, string? Link, DateTimeOffset CreatedAt, bool IsRead);

    public sealed record Summary(int UnreadCount, IReadOnlyList<Item> Latest);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock)
    {
        /// <summary>The unread count and the latest items (unread first, then newest).</summary>
        public async Task<Summary> GetAsync(UserScope scope, int take = 10, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var mine = db.Notifications.AsNoTracking().Where(n => n.Recipient == scope.UserName);
            var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
            var latest = await mine
                .OrderBy(n => n.ReadAt != null).ThenByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
                .Take(Math.Clamp(take, 1, 50))
                .Select(n => new Item(n.Id, n.Kind, n.Subject, n.Actor, n.Note, n.Link, n.CreatedAt, n.ReadAt != null))
                .ToListAsync(cancellationToken);
            return new Summary(unread, latest);
        }

        public async Task MarkReadAsync(long id, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow();
            await db.Notifications
                .Where(n => n.Id == id && n.Recipient == scope.UserName && n.ReadAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);
        }

        public async Task<int> MarkAllReadAsync(UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow();
            return await db.Notifications
                .Where(n => n.Recipient == scope.UserName && n.ReadAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);
        }
    }
}
