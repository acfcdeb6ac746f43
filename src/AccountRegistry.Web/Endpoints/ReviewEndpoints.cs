using System.Globalization;
using AccountRegistry.Application.Audit;
using AccountRegistry.Application.Exports;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Domain.Common;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Web.Components.Pages.Inspections;
using AccountRegistry.Web.Components.Pages.Reviews;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AccountRegistry.Web.Endpoints;

/// <summary>The review queue's, the audit history's and the inspection results' .xlsx exports. Roles are checked here and again by the handlers.</summary>
public static class ReviewEndpoints
{
    public static void MapReviewEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/reviews/export.xlsx", ExportFlagsAsync).RequireAuthorization(Policies.District);
        endpoints.MapGet("/audit/export.xlsx", ExportAuditAsync).RequireAuthorization(Policies.District);
        endpoints.MapGet("/inspections/export.xlsx", ExportInspectionAsync).RequireAuthorization(Policies.District);
    }

    /// <summary>GET /inspections/export.xlsx?inspection=…&amp;result=…: the inspection results page's filter, in the user's scope.</summary>
    private static async Task<IResult> ExportInspectionAsync(
        HttpContext context,
        InspectionResultList.Handler results,
        [FromQuery] long? inspection,
        [FromQuery] string? result,
        [FromQuery] string? veto,
        [FromQuery] int? unitId,
        [FromQuery] string? platform,
        CancellationToken cancellationToken)
    {
        var filter = InspectionResultsPage.FromValues(inspection, result, veto, unitId, platform);
        var stream = new MemoryStream();
        await results.WriteXlsxAsync(filter, CurrentUser.ScopeOf(context.User), stream, cancellationToken);
        stream.Position = 0;
        return TypedResults.File(stream, XlsxTable.ContentType, "inspection.xlsx");
    }

    /// <summary>GET /reviews/export.xlsx?state=…&amp;rule=…: the queue's current filter, in the user's scope.</summary>
    private static async Task<IResult> ExportFlagsAsync(
        HttpContext context,
        FlagsExport.Handler export,
        TimeProvider clock,
        [FromQuery] string? state,
        [FromQuery] string? rule,
        [FromQuery] string? recommendation,
        [FromQuery] int? unitId,
        [FromQuery] string? platform,
        [FromQuery] string? level,
        [FromQuery] int? minAge,
        [FromQuery] string? search,
        [FromQuery] string? contentCheck,
        CancellationToken cancellationToken)
    {
        var filter = ReviewFilterQuery.FromValues(state, rule, recommendation, unitId, platform, level, minAge, search, contentCheck);
        var stream = new MemoryStream();
        await export.WriteXlsxAsync(filter, CurrentUser.ScopeOf(context.User), stream, cancellationToken);
        stream.Position = 0;
        var day = ShanghaiCalendar.Today(clock).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return TypedResults.File(stream, XlsxTable.ContentType, $"flags-{day}.xlsx");
    }

    private static async Task<IResult> ExportAuditAsync(
        HttpContext context,
        AuditExport.Handler export,
        [FromQuery] string? actor,
        [FromQuery] string? action,
        [FromQuery] string? entityType,
        [FromQuery] string? entityId,
        [FromQuery] string? from,
        [FromQuery] string? to,
        [FromQuery] string? text,
        CancellationToken cancellationToken)
    {
        var query = new AuditSearch.Query
        {
            Actor = actor,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            From = Day(from),
            To = Day(to),
            Text = text,
        };
        var stream = new MemoryStream();
        await export.WriteXlsxAsync(query, CurrentUser.ScopeOf(context.User), stream, cancellationToken);
        stream.Position = 0;
        return TypedResults.File(stream, XlsxTable.ContentType, "audit.xlsx");
    }

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
