using System.Globalization;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Rules;

/// <summary>规则设置: a county's thresholds, validated, previewed and saved with their history.</summary>
public partial class RuleSettingsPage
{
    private IReadOnlyList<RuleSettingsEditor.County> counties = [];
    private RuleSettingsEditor.Settings? settings;
    private IReadOnlyList<RuleSettingsEditor.HistoryEntry> history = [];
    private RuleSettingsEditor.Preview? preview;
    private List<string> problems = [];
    private string? message;
    private Severity messageSeverity = Severity.Success;
    private bool busy;
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
        message = null;
        problems = [];
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

    /// <summary>Checks in the browser's round trip first, so an out-of-range value is named before anything runs.</summary>
    private bool Validate()
    {
        problems = RuleSettings.Validate(thresholds, dismissalDays)
            .Select(p => string.Format(CultureInfo.CurrentCulture, L["Rules.Settings.OutOfRange"], p.Name, p.Min, p.Max))
            .ToList();
        return problems.Count == 0;
    }

    private async Task PreviewAsync()
    {
        message = null;
        if (!Validate())
        {
            return;
        }

        busy = true;
        try
        {
            preview = await Editor.PreviewAsync(countyId, thresholds, await CurrentUser.GetScopeAsync());
        }
        finally
        {
            busy = false;
        }
    }

    private async Task SaveAsync()
    {
        message = null;
        if (!Validate())
        {
            return;
        }

        busy = true;
        try
        {
            settings = await Editor.SaveAsync(
                new RuleSettingsEditor.SaveCommand(countyId, thresholds, dismissalDays, settings?.Version),
                await CurrentUser.GetScopeAsync());
            history = await Editor.HistoryAsync(countyId, await CurrentUser.GetScopeAsync());
            message = L["Rules.Settings.Saved"];
            messageSeverity = Severity.Success;
        }
        catch (ThresholdsInvalidException ex)
        {
            problems = ex.Problems.Select(p => string.Format(CultureInfo.CurrentCulture, L["Rules.Settings.OutOfRange"], p.Name, p.Min, p.Max)).ToList();
        }
        catch (DbUpdateConcurrencyException)
        {
            message = L["Rules.Settings.Conflict"];
            messageSeverity = Severity.Warning;
        }
        finally
        {
            busy = false;
        }
    }
}
