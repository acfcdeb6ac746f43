using AccountRegistry.Application.Accounts;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Units;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;

namespace AccountRegistry.Web.Endpoints;

public static class AccountExportEndpoint
{
    /// <summary>GET /accounts/export.xlsx?…: the register's current filter as a spreadsheet, scoped like the page.</summary>
    public static void MapAccountExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/accounts/export.xlsx", async (
            HttpContext context,
            AccountRegister.Handler register,
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
            var scope = CurrentUser.ScopeOf(context.User);
            var rows = new List<Dictionary<string, object?>>();
            await foreach (var row in register.StreamAsync(query, scope, cancellationToken))
            {
                rows.Add(new Dictionary<string, object?>
                {
                    ["平台 platform"] = row.Platform.ToCode(),
                    ["账号ID account_id"] = row.PlatformAccountId,
                    ["名称 name"] = row.Name,
                    ["单位 unit"] = row.UnitName,
                    ["层级 level"] = row.UnitLevel.ToCode(),
                    ["开通日期 opened_on"] = row.OpenedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    ["运营人 operator"] = row.Operator,
                    ["提供服务 provides_services"] = row.ProvidesServices,
                    ["融媒体中心 is_hub"] = row.IsHub,
                    ["状态 status"] = row.Status.ToCode(),
                    ["最近发布 last_post"] = row.LastPostAt?.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                });
            }

            var stream = new MemoryStream();
            await stream.SaveAsAsync(rows, sheetName: "accounts", cancellationToken: cancellationToken);
            stream.Position = 0;
            return TypedResults.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "accounts.xlsx");
        });
    }
}
