using AccountRegistry.Application.Common;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Web.Components.Pages.Inspections;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace AccountRegistry.Web.Endpoints;

public static class RoundReportEndpoints
{
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>
    /// GET /inspections/rounds/{roundId}/report.docx?days=N: the 通报 of a published round as a Word document, for the
    /// reviewers and administrators whose scope holds all of the round's units, and leaders once it is published (404 for the rest, as for a round that
    /// does not exist; 409 with the Chinese reason while the round is not published).
    /// </summary>
    public static void MapRoundReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/inspections/rounds/{roundId:long}/report.docx", async (
                long roundId,
                [FromQuery] int? days,
                HttpContext context,
                InspectionRoundReport.Handler reports,
                IStringLocalizer<SharedResource> l,
                CancellationToken cancellationToken) =>
            {
                try
                {
                    var report = await reports.HandleAsync(roundId, CurrentUser.ScopeOf(context.User), Math.Clamp(days ?? InspectionRoundReport.DefaultWorkingDays, 0, 60), cancellationToken);
                    var stream = new MemoryStream();
                    RoundReportDocx.Write(RoundReportContent.Build(report, l), stream);
                    stream.Position = 0;
                    context.Response.Headers[HeaderNames.CacheControl] = "private, no-store";
                    return Results.File(stream, DocxType, $"round-{roundId}-report.docx");
                }
                catch (NotFoundOrForbiddenException)
                {
                    return Results.NotFound();
                }
                catch (RoundException ex)
                {
                    return Results.Text(RoundLabels.Error(l, ex), "text/plain; charset=utf-8", statusCode: StatusCodes.Status409Conflict);
                }
            })
            .RequireAuthorization(Policies.DistrictAndLeaders);

        // A manual finding's screenshot: the round's reviewers and administrators; after publishing, the clerks and
        // leaders who see the account's rectification task. 404 for everyone else. Always a download, never rendered inline.
        endpoints.MapGet("/inspections/rounds/{roundId:long}/findings/{findingId:long}/screenshot", (
                long roundId,
                long findingId,
                HttpContext context,
                RoundFindingScreenshot.Handler screenshots,
                CancellationToken cancellationToken) =>
                StoredFileDownload.SendAsync(context, scope => screenshots.DownloadAsync(roundId, findingId, scope, cancellationToken)))
            .RequireAuthorization(Policies.AllRoles);
    }
}
