using System.Globalization;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Web.Components.Pages.Rules;
using AccountRegistry.Web.Components.Shared;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;

namespace AccountRegistry.Web.Components.Pages.Inspections;

/// <summary>检查设置: a county's inspection settings, validated, previewed and saved with their history (the rule settings' pattern).</summary>
public partial class InspectionSettingsPage
{
    private readonly SettingsEditorState state = new();
    private IReadOnlyList<RuleSettingsEditor.County> counties = [];
    private InspectionSettingsEditor.Settings? settings;
    private IReadOnlyList<CountySettingsEdits.HistoryEntry> history = [];
    private InspectionSettingsEditor.Preview? preview;
    private int countyId;

    /// <summary>The edited values by the spec's names, in the spec's order.</summary>
    private Dictionary<string, int> values = InspectionSettings.Defaults.ToNamedValues().ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    [Inject]
    private InspectionSettingsEditor.Handler Editor { get; set; } = default!;

    [Inject]
    private RuleSettingsEditor.Handler Counties { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    private InspectionSettings Edited => InspectionSettings.FromNamedValues(values);

    private IEnumerable<(string Code, string Label, int Current, int Proposed)> PreviewLines => preview is not { } p ? [] :
    [
        ("fail", L["Inspection.Result.fail"], p.Current.Fail, p.Proposed.Fail),
        ("pass", L["Inspection.Result.pass"], p.Current.Pass, p.Proposed.Pass),
        ("excellent", L["Inspection.Result.excellent"], p.Current.Excellent, p.Proposed.Excellent),
        ("NEAR_STALE", L["Inspection.Code.NEAR_STALE"], p.Current.NearStale, p.Proposed.NearStale),
    ];

    protected override async Task OnInitializedAsync()
    {
        counties = await Counties.CountiesAsync(await CurrentUser.GetScopeAsync());
        if (counties.Count > 0)
        {
            await OnCountyAsync(counties[0].UnitId);
        }
    }

    private async Task OnCountyAsync(int value)
    {
        countyId = value;
        preview = null;
        state.Reset();
        var scope = await CurrentUser.GetScopeAsync();
        settings = await Editor.GetAsync(countyId, scope);
        history = await Editor.HistoryAsync(countyId, scope);
        Show(settings.Values);
    }

    private void Show(InspectionSettings shown) =>
        values = shown.ToNamedValues().ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    private void RestoreDefaults()
    {
        Show(InspectionSettings.Defaults);
        preview = null;
    }

    private string Source => settings is null || settings.IsDefault
        ? L["InspectionSettings.Defaults"].Value
        : string.Format(CultureInfo.CurrentCulture, L["Rules.Settings.UpdatedBy"], settings.UpdatedBy, Formats.ShanghaiDateTime(settings.UpdatedAt));

    private IEnumerable<string> Describe(IEnumerable<InspectionSettingsEditor.Problem> found) =>
        found.Select(p => string.Format(CultureInfo.CurrentCulture, L["InspectionSettings.OutOfRange"], L["InspectionSettings.Field." + p.Name], p.Name, p.Min, p.Max));

    /// <summary>Checks in the browser's round trip first, so a bad value is named before anything runs.</summary>
    private bool Validate() => state.Check(Describe(InspectionSettingsEditor.Handler.Validate(Edited)));

    private Task PreviewAsync() =>
        state.PreviewAsync(Validate, async () => preview = await Editor.PreviewAsync(countyId, Edited, await CurrentUser.GetScopeAsync()));

    private Task SaveAsync() =>
        state.SaveAsync(
            Validate,
            async () =>
            {
                var scope = await CurrentUser.GetScopeAsync();
                settings = await Editor.SaveAsync(new InspectionSettingsEditor.SaveCommand(countyId, Edited, settings?.Version), scope);
                history = await Editor.HistoryAsync(countyId, scope);
            },
            L["InspectionSettings.Saved"],
            L["Rules.Settings.Conflict"],
            ex => ex is InspectionSettingsInvalidException invalid ? Describe(invalid.Problems) : null);
}
