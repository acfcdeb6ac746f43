using System.Globalization;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Web.Components.Shared;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;

namespace AccountRegistry.Web.Components.Pages.Rules;

/// <summary>规则设置: a county's thresholds, validated, previewed and saved with their history.</summary>
public partial class RuleSettingsPage
{
    private readonly SettingsEditorState state = new();
    private IReadOnlyList<RuleSettingsEditor.County> counties = [];
    private RuleSettingsEditor.Settings? settings;
    private IReadOnlyList<CountySettingsEdits.HistoryEntry> history = [];
    private RuleSettingsEditor.Preview? preview;
    private int countyId;
    private Thresholds thresholds = Thresholds.Defaults;
    private int dismissalDays;

    [Inject]
    private RuleSettingsEditor.Handler Editor { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        counties = await Editor.CountiesAsync(await CurrentUser.GetScopeAsync());
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
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var scope = await CurrentUser.GetScopeAsync();
        settings = await Editor.GetAsync(countyId, scope);
        history = await Editor.HistoryAsync(countyId, scope);
        Show(settings.Thresholds, settings.DismissalDays);
    }

    private void Show(Thresholds values, int dismissal)
    {
        thresholds = values;
        dismissalDays = dismissal;
    }

    private void RestoreDefaults()
    {
        Show(Thresholds.Defaults, RuleSettings.DefaultDismissalDays);
        preview = null;
    }

    private string Source => settings is null || settings.IsDefault
        ? L["Rules.Settings.Defaults"].Value
        : string.Format(CultureInfo.CurrentCulture, L["Rules.Settings.UpdatedBy"], settings.UpdatedBy, Formats.ShanghaiDateTime(settings.UpdatedAt));

    private IEnumerable<string> Describe(IEnumerable<ThresholdProblem> problems) =>
        problems.Select(p => string.Format(CultureInfo.CurrentCulture, L["Rules.Settings.OutOfRange"], p.Name, p.Min, p.Max));

    /// <summary>Checks in the browser's round trip first, so an out-of-range value is named before anything runs.</summary>
    private bool Validate() => state.Check(Describe(RuleSettings.Validate(thresholds, dismissalDays)));

    private Task PreviewAsync() =>
        state.PreviewAsync(Validate, async () => preview = await Editor.PreviewAsync(countyId, thresholds, await CurrentUser.GetScopeAsync()));

    private Task SaveAsync() =>
        state.SaveAsync(
            Validate,
            async () =>
            {
                settings = await Editor.SaveAsync(
                    new RuleSettingsEditor.SaveCommand(countyId, thresholds, dismissalDays, settings?.Version),
                    await CurrentUser.GetScopeAsync());
                history = await Editor.HistoryAsync(countyId, await CurrentUser.GetScopeAsync());
            },
            L["Rules.Settings.Saved"],
            L["Rules.Settings.Conflict"],
            ex => ex is ThresholdsInvalidException invalid ? Describe(invalid.Problems) : null);
}
