using System.Globalization;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Filings;
using AccountRegistry.Domain.Common;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Accounts;

/// <summary>备案 on the account page: everyone who sees the account sees its filing; reviewers set or correct it.</summary>
public partial class AccountFilingPanel
{
    private AccountFiling.State? state;
    private DateOnly today;
    private bool editing;
    private bool busy;
    private string? number;
    private string? day;
    private string? error;

    [Parameter, EditorRequired]
    public int AccountId { get; set; }

    [Inject]
    private AccountFiling.Handler Filing { get; set; } = default!;

    [Inject]
    private RecordFiling.Handler Record { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        today = ShanghaiCalendar.Today(Clock);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            state = await Filing.GetAsync(AccountId, await CurrentUser.GetScopeAsync());
        }
        catch (NotFoundOrForbiddenException)
        {
            state = null;
        }
    }

    private void StartEditing()
    {
        number = state?.FilingNo;
        day = state?.FiledOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        error = null;
        editing = true;
    }

    private async Task SaveAsync()
    {
        if (state is null)
        {
            return;
        }

        DateOnly? filedOn = null;
        if (!string.IsNullOrWhiteSpace(day))
        {
            if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                error = L["Filing.Error.BadDay"];
                return;
            }

            filedOn = parsed;
        }

        busy = true;
        error = null;
        try
        {
            await Record.HandleAsync(new RecordFiling.Command(state.AccountId, number, filedOn, state.Version), await CurrentUser.GetScopeAsync());
            editing = false;
            Snackbar.Add(L["Filing.Saved"], Severity.Success);
        }
        catch (FilingException ex)
        {
            error = L["FilingError." + ex.Code];
        }
        catch (NotFoundOrForbiddenException)
        {
            error = L["Common.NotFound"];
        }
        finally
        {
            busy = false;
        }

        // After a conflict too: show what is stored now, and its version for the next try.
        await LoadAsync();
    }
}
