using System.Globalization;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Filings;
using AccountRegistry.Web.Components.Shared;
using AccountRegistry.Web.Endpoints;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Filings;

/// <summary>
/// 备案核对: the provincial export is uploaded to a temporary file and compared by the same use case as
/// `registry reconcile`; the page shows the three lists and offers the corrections as .xlsx. Nothing changes until a
/// reviewer takes the province's filing number onto one account, with a reason (audited, checked against the
/// account's version at the time of the comparison).
/// </summary>
public partial class ReconcilePage
{
    /// <summary>A county's export runs to a few thousand rows; far below this.</summary>
    private const long MaxUploadBytes = 64L * 1024 * 1024;

    private readonly CancellationTokenSource leaving = new();
    private readonly HashSet<int> applied = [];
    private bool running;
    private bool busy;
    private string? failure;
    private ReconcileFilings.Result? result;
    private Guid? resultId;
    private ReconcileFilings.Mismatched? applying;
    private string? reason;
    private string? applyError;

    [Inject]
    private ReconcileFilings.Handler Reconcile { get; set; } = default!;

    [Inject]
    private AccountFiling.Handler Filing { get; set; } = default!;

    [Inject]
    private RecordFiling.Handler Record { get; set; } = default!;

    [Inject]
    private ReconcileResults Results { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private ILogger<ReconcilePage> Logger { get; set; } = default!;

    private string ListTitle(string key, int count) => string.Format(CultureInfo.CurrentCulture, L[key], Formats.Number(count));

    private string Shown(ReconcileFilings.Values values, string field) =>
        field == "status" ? L["Reconcile.Status." + values.Status.ToString().ToLowerInvariant()] : ReconcileOutput.Value(values, field) is { Length: > 0 } text ? text : L["Reconcile.Empty"];

    private static bool CanTakeFilingNo(ReconcileFilings.Mismatched row) =>
        row.Fields.Contains("filing_no") && !string.IsNullOrEmpty(row.Theirs.FilingNo);

    private async Task ReconcileAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        running = true;
        failure = null;
        result = null;
        resultId = null;
        applying = null;
        applied.Clear();
        var folder = Directory.CreateTempSubdirectory("ar-reconcile-");
        try
        {
            var path = Path.Combine(folder.FullName, Path.GetFileName(file.Name));
            await using (var target = File.Create(path))
            await using (var source = file.OpenReadStream(MaxUploadBytes, leaving.Token))
            {
                await source.CopyToAsync(target, leaving.Token);
            }

            var scope = await CurrentUser.GetScopeAsync();
            result = await Task.Run(() => Reconcile.HandleAsync(new ReconcileFilings.Command(path, file.Name), scope, leaving.Token), leaving.Token);
            resultId = Results.Add(scope.UserName, result);
        }
        catch (OperationCanceledException) when (leaving.IsCancellationRequested)
        {
            // The user left the page; nothing was stored either way.
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or Npgsql.NpgsqlException)
        {
            Logger.LogError(ex, "Reconcile of {File} failed", file.Name);
            failure = L["Reconcile.Failed"];
        }
        finally
        {
            running = false;
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private void StartApplying(ReconcileFilings.Mismatched row)
    {
        applying = row;
        reason = null;
        applyError = null;
    }

    private async Task ApplyAsync()
    {
        if (applying is not { } row)
        {
            return;
        }

        busy = true;
        applyError = null;
        try
        {
            var scope = await CurrentUser.GetScopeAsync();

            // The filing day stays as stored; the version is the one the comparison saw, so a change since then conflicts.
            var current = await Filing.GetAsync(row.AccountId, scope);
            await Record.HandleAsync(
                new RecordFiling.Command(row.AccountId, row.Theirs.FilingNo, current.FiledOn, row.Version, RecordFiling.Source.Reconcile, reason), scope);
            applied.Add(row.AccountId);
            applying = null;
            Snackbar.Add(L["Filing.Saved"], Severity.Success);
        }
        catch (FilingException ex)
        {
            applyError = L["FilingError." + ex.Code];
        }
        catch (NotFoundOrForbiddenException)
        {
            applyError = L["Common.NotFound"];
        }
        finally
        {
            busy = false;
        }
    }

    public void Dispose()
    {
        leaving.Cancel();
        leaving.Dispose();
        GC.SuppressFinalize(this);
    }
}
