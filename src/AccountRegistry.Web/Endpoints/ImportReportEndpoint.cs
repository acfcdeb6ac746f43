using System.Collections.Concurrent;
using AccountRegistry.Application.Imports;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Web.Components.Pages.Imports;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace AccountRegistry.Web.Endpoints;

/// <summary>
/// The error tables of recent imports on the upload page, kept in memory for an hour so the page can offer them as
/// an .xlsx download by link (no script needed). Only the user who ran the import can fetch a report.
/// </summary>
public sealed class ImportReports(TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<Guid, Report> reports = new();

    private sealed record Report(string Owner, DateTimeOffset Expires, IReadOnlyList<ImportError> Errors);

    public Guid Add(string owner, IReadOnlyList<ImportError> errors)
    {
        var now = clock.GetUtcNow();
        foreach (var expired in reports.Where(r => r.Value.Expires < now).Select(r => r.Key).ToList())
        {
            reports.TryRemove(expired, out _);
        }

        var id = Guid.NewGuid();
        reports[id] = new Report(owner, now + Lifetime, errors);
        return id;
    }

    public IReadOnlyList<ImportError>? Get(Guid id, string user) =>
        reports.TryGetValue(id, out var report) && report.Expires >= clock.GetUtcNow() && string.Equals(report.Owner, user, StringComparison.Ordinal)
            ? report.Errors
            : null;
}

public static class ImportReportEndpoint
{
    public static IEndpointRouteBuilder MapImportReports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/imports/errors/{id:guid}.xlsx", async (Guid id, HttpContext context, ImportReports reports, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken) =>
        {
            var errors = reports.Get(id, context.User.Identity?.Name ?? string.Empty);
            if (errors is null)
            {
                return Results.NotFound();
            }

            var rows = errors.Select(e => new Dictionary<string, object?>
            {
                [L["Imports.File"] + " file"] = e.File,
                [L["Imports.Line"] + " line"] = e.Line,
                [L["Imports.Column"] + " column"] = e.Column,
                [L["Imports.Value"] + " value"] = e.Value,
                [L["Imports.Problem"] + " problem"] = ImportErrorText.Problem(L, e),
                [L["Imports.Reason"] + " reason"] = ImportErrorText.Explanation(L, e),
            });
            var stream = new MemoryStream();
            await stream.SaveAsAsync(rows, sheetName: "errors", cancellationToken: cancellationToken);
            stream.Position = 0;
            return Results.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "import-errors.xlsx");
        }).RequireAuthorization(Policies.District);
        return endpoints;
    }
}
