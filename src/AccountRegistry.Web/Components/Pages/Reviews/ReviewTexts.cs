using System.Globalization;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;

namespace AccountRegistry.Web.Components.Pages.Reviews;

/// <summary>The rules' words in the reader's language (the rules service's RuleTexts), for the review pages.</summary>
public static class ReviewTexts
{
    public static string Rule(RuleCode rule) => RuleTexts.RuleName(rule, CultureInfo.CurrentUICulture);

    public static string Recommendation(Recommendation recommendation) => RuleTexts.RecommendationName(recommendation, CultureInfo.CurrentUICulture);

    /// <summary>The evidence sentence in the reader's language, from the stored facts; the stored (Chinese) sentence when they cannot be read.</summary>
    public static string Evidence(ReviewCase.FlagView flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        try
        {
            return RuleTexts.Describe(EvidenceJson.ReadOne(flag.Evidence), CultureInfo.CurrentUICulture);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            return flag.EvidenceText ?? Rule(flag.Rule);
        }
    }

    /// <summary>
    /// A refused review action as a sentence for the reviewer, from the resources (never the exception's English
    /// text). Anything not refused on purpose reads "could not be saved".
    /// </summary>
    public static string Error(Microsoft.Extensions.Localization.IStringLocalizer localizer, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return exception is ReviewRefusedException refused
            ? localizer["Review.Error." + refused.Error]
            : localizer["Review.Error.Unexpected"];
    }

    /// <summary>"reviewer · 2026-11-23 10:00 · 整合至 指尖岳麓 — note", for the standing decision, the history and a conflict.</summary>
    public static string Describe(DecisionSummary decision, Microsoft.Extensions.Localization.IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(localizer);
        var what = decision.Kind switch
        {
            Domain.Reviews.DecisionKind.Merge => string.Format(CultureInfo.CurrentCulture, localizer["Review.DecisionMergeInto"], decision.MergeTargetName ?? "—"),
            Domain.Reviews.DecisionKind.Retain => string.Format(
                CultureInfo.CurrentCulture, localizer["Review.RetainBecause"], localizer["Review.RetainReason." + decision.RetainReason?.ToCode()]),
            Domain.Reviews.DecisionKind.DismissFlag => localizer["Review.Decision.dismiss_flag"] + " " + (decision.DismissedRule is { } rule ? Rule(rule) : string.Empty),
            _ => localizer["Review.Decision." + decision.Kind.ToCode()].Value,
        };
        var when = decision.DecidedAt.ToOffset(Domain.Common.ShanghaiCalendar.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return $"{decision.DecidedBy} · {when} · {what}" + (decision.Reason is null ? string.Empty : " — " + decision.Reason);
    }

    public static MudBlazor.Color Color(Recommendation recommendation) => recommendation switch
    {
        Domain.Rules.Recommendation.Close => MudBlazor.Color.Error,
        Domain.Rules.Recommendation.Merge => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Default,
    };
}
