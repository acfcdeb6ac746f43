using AccountRegistry.Domain.Notifications;
using AccountRegistry.Infrastructure.Persistence;

namespace AccountRegistry.Application.Notifications;

/// <summary>
/// Raises in-app notifications (the bell) inside a unit of work: they commit with the step that raised them, so a
/// recipient is never told of a step that was rolled back. The bell is the only channel.
/// </summary>
public static class Notifier
{
    /// <summary>Adds one notification per recipient (except the actor: nobody needs to be told what they just did).</summary>
    public static void Add(
        RegistryDbContext db,
        IEnumerable<string> recipients,
        string kind,
        string? subject,
        string? link,
        string? actor,
        string? note,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(recipients);
        foreach (var recipient in recipients.Distinct(StringComparer.Ordinal))
        {
            if (string.Equals(recipient, actor, StringComparison.Ordinal))
            {
                continue;
            }

            var notification = new Notification
            {
                Recipient = recipient,
                Kind = kind,
                Subject = Truncate(subject, 200),
                Actor = actor,
                Note = Truncate(note, 1000),
                Link = link,
                CreatedAt = now,
            };
            db.Notifications.Add(notification);
        }
    }

    private static string? Truncate(string? text, int length) =>
        text is null || text.Length <= length ? text : text[..length];
}
