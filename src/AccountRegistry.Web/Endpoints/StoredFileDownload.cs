using AccountRegistry.Application.Common;
using AccountRegistry.Web.Identity;
using Microsoft.Net.Http.Headers;

namespace AccountRegistry.Web.Endpoints;

/// <summary>How every uploaded file (closure attachments, rectification evidence, manual findings' screenshots) leaves the app.</summary>
internal static class StoredFileDownload
{
    /// <summary>
    /// The file for a user the use case lets see it: always a download (never rendered inline), kept by no shared cache;
    /// 404 for everyone else, exactly like a file that does not exist.
    /// </summary>
    public static async Task<IResult> SendAsync(HttpContext context, Func<UserScope, Task<StoredFile>> load)
    {
        try
        {
            var file = await load(CurrentUser.ScopeOf(context.User));
            context.Response.Headers[HeaderNames.CacheControl] = "private, no-store";
            return Results.File(file.Content, file.ContentType, file.FileName);
        }
        catch (NotFoundOrForbiddenException)
        {
            return Results.NotFound();
        }
    }
}
