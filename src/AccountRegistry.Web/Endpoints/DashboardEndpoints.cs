using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AccountRegistry.Application.Collectors;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Dashboard;
using AccountRegistry.Application.Exports;
using AccountRegistry.Domain.Collectors;
using AccountRegistry.Domain.Common;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AccountRegistry.Web.Endpoints;

public static class DashboardEndpoints
{
    private static readonly ConditionalWeakTable<DashboardFigures.Summary, byte[]> SummaryJson = new();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (AuthenticateCollector.Collector Holder, DateTimeOffset CheckedAt)> KnownKeys =
        new(StringComparer.Ordinal);

    public static void MapDashboardEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/dashboard/export.xlsx", ExportAsync).RequireAuthorization(Policies.DistrictAndLeaders);

        // Other county systems call this with a dashboard key (X-Api-Key) instead of a login, so the endpoint itself
        // decides between the key and the signed-in user (see ReaderScopeAsync).
        endpoints.MapGet("/api/v1/dashboard/summary", SummaryAsync)
            .AllowAnonymous()
            .WithTags("Dashboard")
            .WithName("DashboardSummary")
            .WithSummary("The dashboard's figures as of a day")
            .WithDescription("asOf=YYYY-MM-DD (default: today in Asia/Shanghai). A dashboard API key in X-Api-Key sees the whole registry; "
                + "a signed-in Leader, Admin or Reviewer sees their own part of it.");
    }

    /// <summary>The overview's figures as JSON for other county systems; asOf defaults to today (Asia/Shanghai).</summary>
    private static async Task<IResult> SummaryAsync(HttpContext context, DashboardSummaryCache figures, TimeProvider clock, [FromQuery] string? asOf, CancellationToken cancellationToken)
    {
        var (scope, refusal) = await ReaderScopeAsync(context, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!TryDay(asOf, clock, out var day))
        {
            return TypedResults.Problem(title: "asOf must be a date YYYY-MM-DD", statusCode: StatusCodes.Status400BadRequest);
        }

        var summary = await figures.SummaryAsync(day, scope!, cancellationToken);

        // A kept summary is the same instance until its figures change: serialise it once (500 townships make 100 KB).
        return TypedResults.Bytes(SummaryJson.GetValue(summary, ToJson), "application/json; charset=utf-8");
    }

    private static byte[] ToJson(DashboardFigures.Summary summary)
    {
        var t = summary.Tiles;
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            as_of = Iso(summary.AsOf),
            campaign_start = Iso(summary.CampaignStart),
            accounts = new
            {
                total = t.Total,
                before_campaign = t.BeforeCampaign,
                active = t.Active,
                closed = t.Closed,
                merged = t.Merged,
                retained_after_review = t.Retained,
                zombies = t.Zombies,
            },
            open_flags = t.OpenFlags,
            requests = new { in_progress = t.RequestsInProgress, overdue = t.OverdueRequests },
            by_level = summary.ByLevel.Select(s => new { level = s.Key, active = s.Active, closed = s.Closed, merged = s.Merged, retained_after_review = s.Retained }),
            by_platform = summary.ByPlatform.Select(s => new { platform = s.Key, active = s.Active, closed = s.Closed, merged = s.Merged, retained_after_review = s.Retained }),
            monthly = summary.Trend.Select(m => new { month = m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), closed = m.Closed, merged = m.Merged }),
            zombies_by_evaluation_day = summary.ZombieTrend.Select(z => new { day = Iso(z.Day), zombies = z.Zombies }),
            townships = summary.Townships.Select(r => new
            {
                unit_id = r.UnitId,
                name = r.UnitName,
                level = r.Level,
                before_campaign = r.BeforeCampaign,
                total = r.Total,
                active = r.Active,
                closed = r.Closed,
                merged = r.Merged,
                retained_after_review = r.Retained,
                open_flags = r.OpenFlags,
                zombies = r.Zombies,
                requests_in_progress = r.RequestsInProgress,
                overdue_requests = r.OverdueRequests,
            }),
        });
    }

    /// <summary>
    /// A request with X-Api-Key is judged by the key alone (a dashboard key, not revoked); otherwise by the login:
    /// 401 without one, 403 for a role that may not read the dashboard.
    /// </summary>
    private static async Task<(UserScope? Scope, IResult? Refusal)> ReaderScopeAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var presented = context.Request.Headers[CollectorApi.ApiKeyHeader].ToString();
        if (presented.Length > 0)
        {
            var holder = await DashboardKeyAsync(context, presented, cancellationToken);
            if (holder is null)
            {
                context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{CollectorApi.ApiKeyHeader}\"";
                return (null, TypedResults.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "The API key is unknown, revoked or not a dashboard key.",
                    detail: "Ask an administrator for a key with the purpose 'dashboard'."));
            }

            // County systems read the registry's figures as a whole, like a district leader above every county.
            return (new UserScope($"api-key:{holder.Name}", new HashSet<string> { Roles.Leader }, null, "/"), null);
        }

        if (context.User.Identity?.IsAuthenticated != true)
        {
            return (null, TypedResults.Unauthorized());
        }

        var scope = CurrentUser.ScopeOf(context.User);
        return scope.Meets(Policies.DistrictAndLeaders) ? (scope, null) : (null, TypedResults.Forbid());
    }

    /// <summary>
    /// The key's holder, looked up at most once a second per key: a county system polling the figures would otherwise
    /// cost a database round trip per request. A revoked key stops working within that second.
    /// </summary>
    private static async Task<AuthenticateCollector.Collector?> DashboardKeyAsync(HttpContext context, string presented, CancellationToken cancellationToken)
    {
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (KnownKeys.TryGetValue(presented, out var known) && now - known.CheckedAt < TimeSpan.FromSeconds(1))
        {
            return known.Holder;
        }

        var holder = await context.RequestServices.GetRequiredService<AuthenticateCollector.Handler>()
            .HandleAsync(presented, ApiKeyPurpose.Dashboard, cancellationToken);
        if (holder is not null)
        {
            if (KnownKeys.Count > 1000)
            {
                KnownKeys.Clear();
            }

            KnownKeys[presented] = (holder, now);
        }
        else
        {
            KnownKeys.TryRemove(presented, out _);
        }

        return holder;
    }

    private static async Task<IResult> ExportAsync(HttpContext context, DashboardSummaryCache figures, TimeProvider clock, [FromQuery] string? asOf, CancellationToken cancellationToken)
    {
        if (!TryDay(asOf, clock, out var day))
        {
            return TypedResults.BadRequest("asOf must be a date YYYY-MM-DD");
        }

        var scope = CurrentUser.ScopeOf(context.User);
        var summary = await figures.SummaryAsync(day, scope, cancellationToken);
        var stream = new MemoryStream();
        await DashboardExport.WriteXlsxAsync(summary, stream, cancellationToken);
        stream.Position = 0;
        return TypedResults.File(stream, XlsxTable.ContentType, $"dashboard-{Iso(day)}.xlsx");
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool TryDay(string? text, TimeProvider clock, out DateOnly day)
    {
        if (string.IsNullOrEmpty(text))
        {
            day = ShanghaiCalendar.Today(clock);
            return true;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }
}
