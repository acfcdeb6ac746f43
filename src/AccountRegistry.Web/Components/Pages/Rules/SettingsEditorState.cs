using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Rules;

/// <summary>
/// What the county settings editors (rule settings, inspection settings, 通报 template) share around their own fields:
/// the problems found, the busy flag, the saved / someone-saved-first message. The stored data, its version (xmin)
/// check and its audit stay in each editor's use case; this only shows their outcome.
/// </summary>
public sealed class SettingsEditorState
{
    public bool Busy { get; private set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public string? Message { get; private set; }

    public Severity MessageSeverity { get; private set; } = Severity.Success;

    /// <summary>Another county: nothing said about the previous one stays.</summary>
    public void Reset()
    {
        Problems = [];
        Message = null;
    }

    /// <summary>Shows what is wrong (nothing: clears it); true when nothing is.</summary>
    public bool Check(IEnumerable<string> problems)
    {
        Problems = [.. problems];
        return Problems.Count == 0;
    }

    public void ClearMessage() => Message = null;

    /// <summary>Work that keeps the buttons disabled while it runs (a preview).</summary>
    public async Task RunAsync(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Busy = true;
        try
        {
            await work();
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>A preview: the page's own check first (<paramref name="valid"/> shows what is wrong), then <paramref name="preview"/> while busy.</summary>
    public async Task PreviewAsync(Func<bool> valid, Func<Task> preview)
    {
        ArgumentNullException.ThrowIfNull(valid);
        ClearMessage();
        if (valid())
        {
            await RunAsync(preview);
        }
    }

    /// <summary>A save after the page's own check (<paramref name="valid"/>), as <see cref="SaveAsync(Func{Task}, string, string, Func{Exception, IEnumerable{string}?})"/>.</summary>
    public async Task SaveAsync(Func<bool> valid, Func<Task> save, string saved, string conflict, Func<Exception, IEnumerable<string>?> problemsOf)
    {
        ArgumentNullException.ThrowIfNull(valid);
        ClearMessage();
        if (valid())
        {
            await SaveAsync(save, saved, conflict, problemsOf);
        }
    }

    /// <summary>
    /// Saves, then says so; a refusal of the values shows its problems (<paramref name="problemsOf"/> names them, null for
    /// an exception that is not a refusal), and a save by someone else since loading shows <paramref name="conflict"/>.
    /// </summary>
    public async Task SaveAsync(Func<Task> save, string saved, string conflict, Func<Exception, IEnumerable<string>?> problemsOf)
    {
        ArgumentNullException.ThrowIfNull(save);
        ArgumentNullException.ThrowIfNull(problemsOf);
        Busy = true;
        try
        {
            await save();
            Message = saved;
            MessageSeverity = Severity.Success;
        }
        catch (DbUpdateConcurrencyException)
        {
            Message = conflict;
            MessageSeverity = Severity.Warning;
        }
        catch (Exception ex) when (problemsOf(ex) is { } problems)
        {
            Problems = [.. problems];
        }
        finally
        {
            Busy = false;
        }
    }
}
