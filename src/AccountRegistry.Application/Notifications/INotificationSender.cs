using AccountRegistry.Domain.Notifications;

namespace AccountRegistry.Application.Notifications;

/// <summary>
/// A channel beyond the app's own bell (e-mail, an SMS gateway, a WeCom bot). The bell needs no sender: the
/// notifications table is the in-app channel. Senders are called after the change that raised the notifications
/// has committed, so a mail is never sent for a step that was rolled back; a sender that fails is logged and does
/// not undo the step. Register implementations with <c>services.AddSingleton&lt;INotificationSender, …&gt;()</c>.
/// </summary>
public interface INotificationSender
{
    Task SendAsync(IReadOnlyList<Notification> notifications, CancellationToken cancellationToken);
}
