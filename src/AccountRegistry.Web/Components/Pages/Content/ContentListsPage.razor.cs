using AccountRegistry.Application.Common;
using AccountRegistry.Application.Content;
using AccountRegistry.Domain.Content;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Content;

public partial class ContentListsPage
{
    /// <summary>Lists are small (hundreds of entries); a bigger workbook is a mistake, not a list.</summary>
    private const long MaxImportBytes = 10 * 1024 * 1024;

    private readonly CancellationTokenSource disposed = new();
    private ContentTermKind kind = ContentTermKind.OfficialName;
    private IReadOnlyList<ContentTerms.Row> rows = [];
    private IReadOnlyList<ContentTerms.HistoryEntry> history = [];
    private ContentRecheck.Status recheck = new(false, 0, 0, null);
    private bool isAdmin;
    private DateTimeOffset? editedAt;
    private ContentTerms.Row? editing;
    private string? editTerm;
    private string? editWrongForms;
    private string? editNote;
    private string? message;
    private IReadOnlyList<string> problems = [];
    private Severity messageSeverity = Severity.Info;

    [Inject]
    private ContentTerms.Handler Terms { get; set; } = default!;

    [Inject]
    private ContentTermSpreadsheet.Handler Spreadsheet { get; set; } = default!;

    [Inject]
    private ContentRecheck Recheck { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
    }

    protected override async Task OnInitializedAsync()
    {
        isAdmin = (await CurrentUser.GetScopeAsync()).Meets(Policies.Admins);
        recheck = Recheck.Current;
        await LoadAsync();
        if (recheck.Running)
        {
            _ = PollAsync(Clock.GetUtcNow());
        }
    }

    private async Task LoadAsync()
    {
        var scope = await CurrentUser.GetScopeAsync();
        rows = await Terms.ListAsync(kind, scope);
        history = await Terms.HistoryAsync(scope, 50);
    }

    private async Task OnTabAsync(int index)
    {
        kind = (ContentTermKind)index;
        ClearForm();
        await LoadAsync();
    }

    private void Edit(ContentTerms.Row row)
    {
        editing = row;
        editTerm = row.Term;
        editWrongForms = string.Join("；", row.WrongForms);
        editNote = row.Note;
    }

    private void ClearForm()
    {
        editing = null;
        editTerm = editWrongForms = editNote = null;
    }

    private async Task SaveAsync()
    {
        var forms = (editWrongForms ?? string.Empty).Split([';', '；', '、', ',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        await RunAsync(async scope =>
        {
            await Terms.SaveAsync(new ContentTerms.SaveCommand(editing?.Id, kind, editTerm ?? string.Empty, forms, editNote, editing?.Version), scope);
            ClearForm();
            Show(Severity.Success, L["Content.Saved"]);
        });
    }

    private Task DeleteAsync(ContentTerms.Row row) => RunAsync(async scope =>
    {
        await Terms.DeleteAsync(row.Id, row.Version, scope);
        Show(Severity.Success, L["Content.Deleted"]);
    });

    private Task ImportAsync(IBrowserFile file) => RunAsync(async scope =>
    {
        await using var upload = file.OpenReadStream(MaxImportBytes);
        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer);
        buffer.Position = 0;
        var result = await Spreadsheet.ImportAsync(buffer, scope);
        Show(Severity.Success, string.Format(System.Globalization.CultureInfo.CurrentCulture, L["Content.Imported"], result.Rows, result.Added, result.Updated, result.Unchanged));
    });

    private async Task RunAsync(Func<UserScope, Task> action)
    {
        var since = Clock.GetUtcNow();
        editedAt = since;
        problems = [];
        try
        {
            await action(await CurrentUser.GetScopeAsync());
        }
        catch (ContentTermInvalidException ex)
        {
            Show(Severity.Warning, L["Content.Invalid"]);
            problems = [.. ex.Problems.Select(p => p.ToString())];
        }
        catch (ContentTermConflictException)
        {
            Show(Severity.Warning, L["Content.ChangedMeanwhile"]);
        }
        catch (NotFoundOrForbiddenException)
        {
            Show(Severity.Error, L["Common.Forbidden"]);
        }

        await LoadAsync();
        recheck = Recheck.Current;
        _ = PollAsync(since);
    }

    private void Show(Severity severity, string text)
    {
        messageSeverity = severity;
        message = text;
    }

    /// <summary>Shows the background re-check's progress until a run that started after <paramref name="since"/> is done.</summary>
    private async Task PollAsync(DateTimeOffset since)
    {
        try
        {
            for (var i = 0; i < 3600 && !disposed.IsCancellationRequested; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), disposed.Token);
                recheck = Recheck.Current;
                await InvokeAsync(StateHasChanged);
                if (!recheck.Running && recheck.FinishedAt >= since)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
