using System.Globalization;
using AccountRegistry.Application.Notifications;
using AccountRegistry.Domain.Closures;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Closures;

/// <summary>The workflow's codes in the reader's language (keys in Resources/SharedResource*.resx).</summary>
public static class ClosureLabels
{
    public static string State(IStringLocalizer l, ClosureState state) => Text(l, "Closure.State." + state.ToCode());

    public static string Kind(IStringLocalizer l, ClosureKind kind) => Text(l, "Closure.Kind." + kind.ToCode());

    public static string Reason(IStringLocalizer l, ClosureReason reason) => Text(l, "Closure.Reason." + reason.ToCode());

    public static string NextStep(IStringLocalizer l, ClosureNextStep step) => Text(l, "Closure.Next." + step);

    public static string Step(IStringLocalizer l, ClosureAction action) => Text(l, "Closure.Step." + action.ToCode());

    public static string Purpose(IStringLocalizer l, AttachmentPurpose purpose) => Text(l, "Closure.Purpose." + purpose.ToCode());

    public static string Error(IStringLocalizer l, ClosureError error) => Text(l, "Closure.Error." + error.ToCode());

    /// <summary>Every problem of a refusal, one sentence each.</summary>
    public static string Errors(IStringLocalizer l, ClosureException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return string.Join(" ", exception.Errors.Select(e => Error(l, e)));
    }

    public static string Notification(IStringLocalizer l, NotificationInbox.Item item)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(item);
        var template = l["Notification." + item.Kind];
        var format = template.ResourceNotFound ? l["Notification.Other"].Value : template.Value;
        return string.Format(CultureInfo.CurrentCulture, format, item.Subject ?? string.Empty, item.Note ?? string.Empty);
    }

    public static Color StateColor(ClosureState state) => state switch
    {
        ClosureState.Draft => Color.Default,
        ClosureState.Submitted => Color.Info,
        ClosureState.Approved => Color.Primary,
        ClosureState.Rejected => Color.Error,
        ClosureState.NoticePosted => Color.Secondary,
        ClosureState.Deregistered => Color.Warning,
        ClosureState.Completed => Color.Success,
        ClosureState.Withdrawn => Color.Dark,
        _ => Color.Default,
    };

    private static string Text(IStringLocalizer l, string key)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l[key];
    }
}
