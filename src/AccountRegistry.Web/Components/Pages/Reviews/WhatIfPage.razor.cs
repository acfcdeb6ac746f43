using System.Globalization;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;

namespace AccountRegistry.Web.Components.Pages.Reviews;

public partial class WhatIfPage
{
    private IReadOnlyList<WhatIf.County> counties = [];
    private int countyId;
    private Thresholds thresholds = Thresholds.Defaults;
    private WhatIf.Result? result;
    private string? error;
    private bool busy;

    [Inject]
    private WhatIf.Handler Handler { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        counties = await Handler.CountiesAsync(await CurrentUser.GetScopeAsync());
        if (counties.Count > 0)
        {
            await OnCountyAsync(counties[0].UnitId);
        }
    }

    /// <summary>"12 → 7 (−5)": the current count, the count under the edited thresholds and the difference.</summary>
    private static string Cell(int current, int proposed) =>
        current == proposed
            ? current.ToString("N0", CultureInfo.CurrentCulture)
            : string.Create(CultureInfo.CurrentCulture, $"{current:N0} → {proposed:N0} ({(proposed > current ? "+" : "−")}{Math.Abs(proposed - current):N0})");

    private async Task OnCountyAsync(int value)
    {
        countyId = value;
        result = null;
        await ResetThresholdsAsync();
    }

    private async Task ResetThresholdsAsync() => thresholds = await Handler.CurrentThresholdsAsync(countyId, await CurrentUser.GetScopeAsync());

    private async Task ComputeAsync()
    {
        busy = true;
        error = null;
        try
        {
            result = await Handler.HandleAsync(countyId, thresholds, await CurrentUser.GetScopeAsync());
        }
        catch (ThresholdsInvalidException ex)
        {
            error = string.Join("; ", ex.Problems.Select(p => string.Format(CultureInfo.CurrentCulture, L["WhatIf.OutOfRange"], p.Name, p.Min, p.Max)));
        }
        finally
        {
            busy = false;
        }
    }
}
