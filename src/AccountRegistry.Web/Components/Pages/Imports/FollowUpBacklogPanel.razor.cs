using System.Globalization;
using AccountRegistry.Application.Imports;
using AccountRegistry.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace AccountRegistry.Web.Components.Pages.Imports;

/// <summary>
/// 后续处理: how many stored posts still wait for fingerprints and content checks, how fast the background worker
/// drains them and how long that will take. Read from the queue tables, so it shows the work of every instance.
/// </summary>
public partial class FollowUpBacklogPanel
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);
    private readonly CancellationTokenSource disposed = new();
    private FollowUpWork.Backlog? backlog;
    private (DateTimeOffset At, long Total)? previous;
    private double? perSecond;

    [Inject]
    private FollowUpWork Work { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private string Queued => string.Format(CultureInfo.CurrentCulture, L["Imports.FollowUp.Queued"],
        Formats.Number(backlog!.Fingerprints), Formats.Number(backlog.ContentChecks));

    private string Rate => perSecond is > 0 and var rate
        ? string.Format(CultureInfo.CurrentCulture, L["Imports.FollowUp.Rate"], rate.ToString("N0", CultureInfo.CurrentCulture), TimeLeft(backlog!.Total / rate))
        : L["Imports.FollowUp.Waiting"];

    protected override void OnInitialized() => _ = PollAsync();

    private async Task PollAsync()
    {
        try
        {
            while (!disposed.IsCancellationRequested)
            {
                await SampleAsync();
                await InvokeAsync(StateHasChanged);
                await Task.Delay(Every, disposed.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Npgsql.NpgsqlException)
        {
            // The database is away; the page says so elsewhere, this panel just stops updating.
        }
    }

    private async Task SampleAsync()
    {
        backlog = await Work.BacklogAsync(disposed.Token);
        var now = Clock.GetUtcNow();
        if (previous is { } last && now > last.At)
        {
            var done = (last.Total - backlog.Total) / (now - last.At).TotalSeconds;

            // Smoothed, and only from falling counts: a new import raises the backlog without saying anything about speed.
            if (done > 0)
            {
                perSecond = perSecond is { } before ? (0.7 * before) + (0.3 * done) : done;
            }
        }

        if (backlog.Total == 0)
        {
            perSecond = null;
        }

        previous = (now, backlog.Total);
    }

    private string TimeLeft(double seconds) => seconds switch
    {
        < 60 => string.Format(CultureInfo.CurrentCulture, L["Imports.FollowUp.Seconds"], Math.Ceiling(seconds)),
        < 3600 => string.Format(CultureInfo.CurrentCulture, L["Imports.FollowUp.Minutes"], Math.Ceiling(seconds / 60)),
        _ => string.Format(CultureInfo.CurrentCulture, L["Imports.FollowUp.Hours"], (seconds / 3600).ToString("0.0", CultureInfo.CurrentCulture)),
    };

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
