using AccountRegistry.Domain.Closures;
using Microsoft.Extensions.Localization;

namespace AccountRegistry.Web.Components.Pages.Closures;

/// <summary>
/// What the request forms show of a refusal: the domain's errors under the fields they concern, the rest in one line
/// above the form (with a link to the request that already exists, when that is the refusal).
/// </summary>
public sealed class ClosureFormErrors
{
    private readonly Dictionary<string, string> fields = new(StringComparer.Ordinal);

    public string? General { get; set; }

    public int? ExistingRequestId { get; set; }

    public string? this[string field]
    {
        get => fields.GetValueOrDefault(field);
        set
        {
            if (value is null)
            {
                fields.Remove(field);
            }
            else
            {
                fields[field] = value;
            }
        }
    }

    public bool HasFieldErrors => fields.Count > 0;

    public bool Has(string field) => fields.ContainsKey(field);

    /// <summary>A field's message goes once the clerk changes it; the server checks again on the next save.</summary>
    public void Clear(string field) => fields.Remove(field);

    public void ClearAll()
    {
        fields.Clear();
        General = null;
        ExistingRequestId = null;
    }

    /// <param name="openRequestId">The account's request still open, linked when the refusal is that one exists.</param>
    public void Show(IStringLocalizer l, ClosureException exception, int? openRequestId)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var unplaced = new List<ClosureError>();
        foreach (var error in exception.Errors)
        {
            if (FieldOf(error) is { } field)
            {
                fields[field] = ClosureLabels.Error(l, error);
            }
            else
            {
                unplaced.Add(error);
            }
        }

        if (exception.Error == ClosureError.OpenRequestExists)
        {
            ExistingRequestId = openRequestId;
        }

        General = unplaced.Count > 0
            ? string.Join(" ", unplaced.Select(e => ClosureLabels.Error(l, e)))
            : l["Closure.FixFields"];
    }

    private static string? FieldOf(ClosureError error) => error switch
    {
        ClosureError.ReasonRequired => "reasons",
        ClosureError.OtherReasonNeedsText or ClosureError.JustificationRequired => "reasonText",
        ClosureError.PlannedLastPostDayRequired or ClosureError.PlannedLastPostDayInPast => "planned",
        ClosureError.MergeTargetRequired or ClosureError.MergeTargetNotLiveHub or ClosureError.HubCannotBeMerged => "target",
        ClosureError.ServiceTakeoverRequired => "takeover",
        ClosureError.ProposedNameRequired or ClosureError.HiddenCharacters => "name",
        ClosureError.ProposedPlatformRequired => "platform",
        _ => null,
    };
}
