using System.Diagnostics;
using System.Globalization;
using AccountRegistry.Application.Imports;
using AccountRegistry.Web.Endpoints;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace AccountRegistry.Web.Components.Pages.Imports;

/// <summary>
/// 导入数据: the files are uploaded to a temporary folder, then imported by the same use case as `registry import`,
/// off the circuit's thread so the progress bar keeps moving. Leaving the page cancels the import (nothing of an
/// unfinished file is kept).
/// </summary>
public partial class ImportPage
{
    /// <summary>Generous: a county's posts and reads files run to a few gigabytes at most.</summary>
    private const long MaxUploadBytes = 8L * 1024 * 1024 * 1024;

    /// <summary>Upload takes the first part of the bar, the import the rest.</summary>
    private const double UploadShare = 30;

    private readonly List<SelectedFile> selected = [];
    private readonly CancellationTokenSource leaving = new();
    private readonly Stopwatch sinceRender = Stopwatch.StartNew();
    private bool running;
    private double percent;
    private string? status;
    private string? failure;
    private ImportFiles.Result? result;
    private List<ImportError> errors = [];
    private long omitted;
    private Guid? reportId;

    [Inject]
    private ImportFiles.Handler Importer { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private ImportReports Reports { get; set; } = default!;

    [Inject]
    private ILogger<ImportPage> Logger { get; set; } = default!;

    private sealed record SelectedFile(IBrowserFile File, ImportKind? Kind, bool Duplicate);

    private bool CanStart => !running && selected.Count > 0 && selected.All(f => f.Kind is not null && !f.Duplicate);

    private void OnFilesChanged(IReadOnlyList<IBrowserFile>? files)
    {
        foreach (var file in files ?? [])
        {
            selected.RemoveAll(f => string.Equals(f.File.Name, file.Name, StringComparison.OrdinalIgnoreCase));
            selected.Add(new SelectedFile(file, null, false));
        }

        Classify();
        result = null;
        status = null;
    }

    private void Remove(SelectedFile file)
    {
        selected.Remove(file);
        Classify();
    }

    private void Clear()
    {
        selected.Clear();
        result = null;
        errors = [];
        status = null;
        failure = null;
    }

    private void Classify()
    {
        var classified = selected
            .Select(f => (f.File, Kind: ImportKinds.TryFromFileName(f.File.Name, out var kind, out _) ? kind : (ImportKind?)null))
            .ToList();
        selected.Clear();
        foreach (var (file, kind) in classified.OrderBy(c => c.Kind ?? (ImportKind)int.MaxValue))
        {
            selected.Add(new SelectedFile(file, kind, kind is not null && classified.Count(c => c.Kind == kind) > 1));
        }
    }

    private async Task StartAsync()
    {
        running = true;
        result = null;
        errors = [];
        omitted = 0;
        reportId = null;
        failure = null;
        percent = 0;
        var folder = Directory.CreateTempSubdirectory("ar-upload-");
        try
        {
            var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
            var total = Math.Max(1, selected.Sum(f => f.File.Size));
            long uploaded = 0;
            var inputs = new List<ImportFiles.InputFile>();
            foreach (var file in selected)
            {
                status = string.Format(CultureInfo.CurrentCulture, L["Imports.Uploading"], file.File.Name);
                var path = Path.Combine(folder.FullName, Path.GetFileName(file.File.Name));
                await using (var target = File.Create(path))
                await using (var source = file.File.OpenReadStream(MaxUploadBytes, leaving.Token))
                {
                    var buffer = new byte[1 << 16];
                    int read;
                    while ((read = await source.ReadAsync(buffer, leaving.Token)) > 0)
                    {
                        await target.WriteAsync(buffer.AsMemory(0, read), leaving.Token);
                        uploaded += read;
                        percent = UploadShare * uploaded / total;
                        RenderNowAndThen();
                    }
                }

                sizes[file.File.Name] = file.File.Size;
                inputs.Add(new ImportFiles.InputFile(path, file.File.Name));
            }

            var scope = await CurrentUser.GetScopeAsync();
            var progress = new PageProgress(this, sizes, total);
            result = await Task.Run(() => Importer.HandleAsync(new ImportFiles.Command(inputs), scope, progress, leaving.Token), leaving.Token);
            errors = [.. result.Problems, .. result.Files.SelectMany(f => f.Errors)];
            omitted = result.Files.Sum(f => f.OmittedErrors);
            if (errors.Count > 0)
            {
                reportId = Reports.Add(scope.UserName, errors);
            }

            percent = 100;
            status = L["Imports.Finished"];
        }
        catch (OperationCanceledException) when (leaving.IsCancellationRequested)
        {
            // The user left the page: the import rolled back, nobody is waiting for an answer.
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or Npgsql.NpgsqlException or UnauthorizedAccessException)
        {
            Logger.LogError(ex, "Import from the upload page failed");
            failure = ex.Message;
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

    private void RenderNowAndThen()
    {
        if (sinceRender.ElapsedMilliseconds < 250)
        {
            return;
        }

        sinceRender.Restart();
        _ = InvokeAsync(StateHasChanged);
    }

    private static string FileSize(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.CurrentCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.CurrentCulture, $"{bytes / 1024.0:N0} KB"),
        _ => string.Create(CultureInfo.CurrentCulture, $"{bytes / 1048576.0:N1} MB"),
    };

    public void Dispose()
    {
        leaving.Cancel();
        leaving.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Turns the importer's reports into the bar and the line under it (called from the import's thread).</summary>
    private sealed class PageProgress(ImportPage page, Dictionary<string, long> sizes, long total) : IProgress<ImportProgress>
    {
        private long finishedBytes;

        public void Report(ImportProgress value)
        {
            var size = sizes.GetValueOrDefault(value.File);
            var within = value.Phase == ImportPhase.Reading ? Math.Min(size, value.BytesRead ?? 0) : size;
            if (value.Phase == ImportPhase.Done)
            {
                finishedBytes += size;
                within = 0;
            }

            page.percent = UploadShare + ((100 - UploadShare) * (finishedBytes + within) / total);
            var rows = value.RowsRead.ToString("N0", CultureInfo.CurrentCulture);
            page.status = value.Phase switch
            {
                ImportPhase.Reading => string.Format(CultureInfo.CurrentCulture, page.L["Imports.Reading"], value.File, rows),
                ImportPhase.Checking => string.Format(CultureInfo.CurrentCulture, page.L["Imports.Checking"], value.File),
                ImportPhase.Writing => string.Format(CultureInfo.CurrentCulture, page.L["Imports.Writing"], value.File),
                _ => page.status,
            };
            page.RenderNowAndThen();
        }
    }
}
