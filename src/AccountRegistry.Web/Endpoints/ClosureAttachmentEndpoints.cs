using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Web.Identity;
using Microsoft.Net.Http.Headers;

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
        endpoints.MapGet("/closures/{requestId:int}/attachments/{attachmentId:long}", async (
                int requestId,
                long attachmentId,
                HttpContext context,
                ClosureAttachments.Handler attachments,
                CancellationToken cancellationToken) =>
            {
                try
                {
                    var file = await attachments.DownloadAsync(requestId, attachmentId, CurrentUser.ScopeOf(context.User), cancellationToken);
                    context.Response.Headers[HeaderNames.CacheControl] = "private, no-store";
                    return Results.File(file.Content, file.ContentType, file.FileName);
                }
                catch (NotFoundOrForbiddenException)
                {
                    return Results.NotFound();
                }
            })
            .RequireAuthorization(policy => policy.RequireRole(
                Infrastructure.Identity.Roles.Clerk, Infrastructure.Identity.Roles.Reviewer, Infrastructure.Identity.Roles.Leader, Infrastructure.Identity.Roles.Admin));
    }
}
