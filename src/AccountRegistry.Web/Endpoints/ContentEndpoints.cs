using AccountRegistry.Application.Content;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Web.Identity;

namespace AccountRegistry.Web.Endpoints;

public static class ContentEndpoints
{
    public static void MapContentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/content/lists/export.xlsx", ExportAsync)
            .RequireAuthorization(Policies.DistrictAndLeaders);
    }

    private static async Task<IResult> ExportAsync(HttpContext context, ContentTermSpreadsheet.Handler sheet, CancellationToken cancellationToken)
    {
        var stream = new MemoryStream();
        await sheet.ExportAsync(stream, CurrentUser.ScopeOf(context.User), cancellationToken);
        stream.Position = 0;
        return TypedResults.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "content-lists.xlsx");
    }
}
