using System.Globalization;
using System.Threading.RateLimiting;
using AccountRegistry.Application.Verification;
using AccountRegistry.Domain.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace AccountRegistry.Web.Endpoints;

/// <summary>
/// Public verification (issue 10): GET /api/v1/verify?platform=…&amp;id=… or ?url=… answers, for anyone and without
/// signing in, whether an account is a registered official account of the county. The answer is built field by
/// field from <see cref="VerifyAccount.Answer"/>, so nothing internal (operator, flags, notes, internal ids) can slip
/// into it. Rate limited per client address, the page /verify included.
/// </summary>
public static class VerificationEndpoints
{
    public const string RateLimitPolicy = "verify";

    public sealed class Options
    {
        public const string Section = "Verification";

        /// <summary>Requests per client address and minute, for the page and the endpoint together.</summary>
        public int PermitsPerMinute { get; set; } = 30;
    }

    public static void AddVerification(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(Options.Section).Get<Options>() ?? new Options();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, options.PermitsPerMinute),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
    }

    public static void MapVerificationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/verify", VerifyAsync)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicy)
            .WithName("VerifyAccount");
    }

    /// <summary>Which account a request asks about, or the reason it names none.</summary>
    public static bool TryKey(string? platform, string? id, string? url, out Platform parsed, out string accountId, out string? problem)
    {
        parsed = default;
        accountId = string.Empty;
        problem = null;
        if (!string.IsNullOrWhiteSpace(url))
        {
            if (AccountUrl.TryParse(url, out parsed, out accountId))
            {
                return true;
            }

            problem = "url is not the address of an account on weibo, douyin, bilibili, toutiao or kuaishou; give platform and id instead";
            return false;
        }

        if (!Platforms.TryParse(platform?.Trim(), out parsed))
        {
            problem = "platform must be one of wechat, weibo, douyin, toutiao, kuaishou, bilibili, app, website, other";
            return false;
        }

        if (string.IsNullOrWhiteSpace(id) || id.Trim().Length > 128)
        {
            problem = "id is required (the platform's own account id, at most 128 characters)";
            return false;
        }

        accountId = id.Trim();
        return true;
    }

    /// <summary>The public answer, exactly these fields.</summary>
    public static object ToJson(VerifyAccount.Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (!answer.Registered)
        {
            return new { registered = false, platform = answer.Platform.ToCode(), account_id = answer.AccountId };
        }

        return new
        {
            registered = true,
            platform = answer.Platform.ToCode(),
            account_id = answer.AccountId,
            name = answer.Name,
            unit = answer.Unit,
            status = answer.Status?.ToCode(),
            status_changed_on = answer.StatusChangedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            merged_into = answer.MergedInto is { } m ? new { platform = m.Platform.ToCode(), account_id = m.AccountId, name = m.Name } : null,
        };
    }

    private static async Task<IResult> VerifyAsync(
        VerifyAccount.Handler verify, [FromQuery] string? platform, [FromQuery] string? id, [FromQuery] string? url, CancellationToken cancellationToken)
    {
        if (!TryKey(platform, id, url, out var parsed, out var accountId, out var problem))
        {
            return TypedResults.Problem(title: problem, statusCode: StatusCodes.Status400BadRequest);
        }

        return TypedResults.Ok(ToJson(await verify.VerifyAsync(parsed, accountId, cancellationToken)));
    }
}
