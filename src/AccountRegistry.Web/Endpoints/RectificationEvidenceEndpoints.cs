using AccountRegistry.Application.Inspections;
using AccountRegistry.Infrastructure.Identity;

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
        endpoints.MapGet("/rectifications/{taskId:long}/evidence/{evidenceId:long}", (
                long taskId,
                long evidenceId,
                HttpContext context,
                RectificationTaskDetail.Handler tasks,
                CancellationToken cancellationToken) =>
                StoredFileDownload.SendAsync(context, scope => tasks.DownloadAsync(taskId, evidenceId, scope, cancellationToken)))
            .RequireAuthorization(Policies.AllRoles);
    }
}
