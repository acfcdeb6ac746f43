using AccountRegistry.Application.Closures;
using AccountRegistry.Infrastructure.Identity;

namespace AccountRegistry.Web.Endpoints;

public static class ClosureAttachmentEndpoints
{
    /// <summary>
    /// GET /closures/{requestId}/attachments/{attachmentId}: the file, for users who may see the request (the clerks of
    /// its unit subtree, the reviewers, leaders and administrators above it); 404 for everyone else, exactly like a file
    /// that does not exist. Always a download with the type read from the file's bytes, never rendered inline.
    /// </summary>
    public static void MapClosureAttachments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/closures/{requestId:int}/attachments/{attachmentId:long}", (
                int requestId,
                long attachmentId,
                HttpContext context,
                ClosureAttachments.Handler attachments,
                CancellationToken cancellationToken) =>
                StoredFileDownload.SendAsync(context, scope => attachments.DownloadAsync(requestId, attachmentId, scope, cancellationToken)))
            .RequireAuthorization(Policies.AllRoles);
    }
}
