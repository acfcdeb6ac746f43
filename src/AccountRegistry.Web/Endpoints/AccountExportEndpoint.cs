using AccountRegistry.Application.Accounts;
using AccountRegistry.Application.Exports;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Units;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AccountRegistry.Web.Endpoints;

public static class AccountExportEndpoint
{
    /// <summary>GET /accounts/export.xlsx?…: the register's current filter as a spreadsheet, scoped like the page.</summary>
    public static void MapAccountExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/accounts/export.xlsx", async (
            HttpContext context,
            AccountExport.Handler export,
            [FromQuery] int? unitId,
            [FromQuery] string? platform,
            [FromQuery] string? status,
            [FromQuery] string? level,
            [FromQuery] string? search,
            CancellationToken cancellationToken) =>
        {
            var query = new AccountRegister.Query
            {
                UnitId = unitId,
                Platform = Platforms.TryParse(platform, out var p) ? p : null,
                Status = AccountStatuses.TryParse(status, out var s) ? s : null,
                Level = UnitLevels.TryParse(level, out var l) ? l : null,
                Search = search,
            };
            var stream = new MemoryStream();
            await export.WriteXlsxAsync(query, CurrentUser.ScopeOf(context.User), stream, cancellationToken);
            stream.Position = 0;
            return TypedResults.File(stream, XlsxTable.ContentType, "accounts.xlsx");
        });
    }
}
