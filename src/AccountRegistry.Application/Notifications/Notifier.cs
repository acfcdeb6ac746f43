using AccountRegistry.Domain.Notifications;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.Extensions.Logging;

namespace AccountRegistry.Application.Notifications;

/// <summary>Raises in-app notifications inside a unit of work, and hands them to any extra channels once it has committed.</summary>
public sealed class Notifier(IEnumerable<INotificationSender> senders, ILogger<Notifier> logger)
{
    /// <summary>Adds one notification per recipient (except the actor: nobody needs to be told what they just did).</summary>
    public static IReadOnlyList<Notification> Add(
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
        var added = new List<Notification>();
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
            added.Add(notification);
        }

        return added;
    }

    /// <summary>Call after the commit. Failures are logged: the step they report has happened regardless.</summary>
    public async Task DispatchAsync(IReadOnlyList<Notification> notifications, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        if (notifications.Count == 0)
        {
            return;
        }

        foreach (var sender in senders)
        {
            try
            {
                await sender.SendAsync(notifications, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Notification sender {Sender} failed for {Count} notifications", sender.GetType().Name, notifications.Count);
            }
        }
    }

    private static string? Truncate(string? text, int length) =>
        text is null || text.Length <= length ? text : text[..length];
}
