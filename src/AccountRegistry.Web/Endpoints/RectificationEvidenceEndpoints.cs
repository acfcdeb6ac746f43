using AccountRegistry.Application.Common;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Web.Identity;
using Microsoft.Net.Http.Headers;

namespace AccountRegistry.Web.Endpoints;

public static class RectificationEvidenceEndpoints
{
    /// <summary>
    /// GET /rectifications/{taskId}/evidence/{evidenceId}: a rectification's evidence file, for the clerks of the task's
    /// unit subtree and the reviewers and administrators above it; 404 for everyone else, exactly like a missing file.
    /// Always a download, never rendered inline.
    /// </summary>
    public static void MapRectificationEvidence(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/rectifications/{taskId:long}/evidence/{evidenceId:long}", async (
                long taskId,
                long evidenceId,
                HttpContext context,
                RectificationTaskDetail.Handler tasks,
                CancellationToken cancellationToken) =>
            {
                try
                {
                    var file = await tasks.DownloadAsync(taskId, evidenceId, CurrentUser.ScopeOf(context.User), cancellationToken);
                    context.Response.Headers[HeaderNames.CacheControl] = "private, no-store";
                    return Results.File(file.Content, file.ContentType, file.FileName);
                }
                catch (NotFoundOrForbiddenException)
                {
                    return Results.NotFound();
                }
            })
            .RequireAuthorization(policy => policy.RequireRole(
                Infrastructure.Identity.Roles.Clerk, Infrastructure.Identity.Roles.Reviewer, Infrastructure.Identity.Roles.Admin));
    }
}
