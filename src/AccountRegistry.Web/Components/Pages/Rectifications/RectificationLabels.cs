using AccountRegistry.Domain.Inspections;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Rectifications;

/// <summary>Resource texts of the rectification pages.</summary>
public static class RectificationLabels
{
    public static string State(IStringLocalizer l, RectificationState state)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l["Rectification.State." + state];
    }

    public static string Step(IStringLocalizer l, RectificationAction action)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l["Rectification.Step." + action];
    }

    public static string Error(IStringLocalizer l, RectificationError error)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l["Rectification.Error." + error];
    }

    /// <summary>An indicator's code by the inspection's own label; a manual finding's by ours.</summary>
    public static string Problem(IStringLocalizer l, string code)
    {
        ArgumentNullException.ThrowIfNull(l);
        var indicator = l["Inspection.Code." + code];
        if (!indicator.ResourceNotFound)
        {
            return indicator.Value;
        }

        var manual = l["Rectification.Problem." + code];
        return manual.ResourceNotFound ? l["Rectification.Problem.Other"] : manual.Value;
    }

    public static string Problems(IStringLocalizer l, IEnumerable<string> codes) =>
        string.Join("；", codes.Select(c => Problem(l, c)));

    public static Color StateColor(RectificationState state) => state switch
    {
        RectificationState.Open => Color.Warning,
        RectificationState.Answered => Color.Info,
        RectificationState.SentBack => Color.Error,
        RectificationState.Accepted => Color.Success,
        _ => Color.Default,
    };
}
