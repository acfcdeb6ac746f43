using System.Globalization;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Domain.Inspections;
using Microsoft.Extensions.Localization;

namespace AccountRegistry.Web.Components.Pages.Inspections;

/// <summary>The rounds' words from the resources: states, sampling, refusals, manual items and the 通报's problem headings.</summary>
public static class RoundLabels
{
    public static string Error(IStringLocalizer l, RoundException exception)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(exception);
        return l["Round.Error." + exception.Error];
    }

    public static string State(IStringLocalizer l, RoundState state) => l["Rounds.State." + state];

    public static string Sampling(IStringLocalizer l, RoundSampling sampling, decimal? share) =>
        sampling == RoundSampling.AllLive
            ? l["Rounds.Sampling.AllLive"]
            : string.Format(CultureInfo.CurrentCulture, l["Rounds.Sampling.Stratified"], (share ?? 0m).ToString("P0", CultureInfo.CurrentCulture));

    public static string Item(IStringLocalizer l, ManualFindingItem item) => l["Round.Item." + item];

    /// <summary>An indicator's name for an inspection code, a manual item's name for a manual finding.</summary>
    public static string Problem(IStringLocalizer l, InspectionRoundReport.Problem problem)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(problem);
        var name = problem.Source is InspectionRoundReport.ProblemSource.ManualVeto or InspectionRoundReport.ProblemSource.ManualDeduction
            ? l["Round.Item." + problem.Code].Value
            : l["Inspection.Code." + problem.Code].Value;
        return string.Format(CultureInfo.CurrentCulture, l["Report.Source." + problem.Source], name);
    }

    public static string Rate(int passed, int checkedCount) =>
        checkedCount == 0 ? "—" : ((double)passed / checkedCount).ToString("P1", CultureInfo.CurrentCulture);
}
