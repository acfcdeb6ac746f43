using System.Globalization;
using System.Threading.RateLimiting;
using AccountRegistry.Web.Endpoints;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace AccountRegistry.Web;

/// <summary>Configuration section "RateLimiting": permits per client per minute.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    /// <summary>
    /// Sign-in form posts per client address. Guessing one user's password is already stopped by the lockout (five
    /// failures); this slows one address trying many users. An office behind one NAT address signs in far less often.
    /// </summary>
    public int LoginPerMinute { get; set; } = 20;

    /// <summary>Requests to /api/* per collector key, else per signed-in user, else per address.</summary>
    public int ApiPerMinute { get; set; } = 300;
}

/// <summary>
/// Fixed one-minute windows on the sign-in post and on /api/*; everything else is not limited here (nginx can add
/// a per-address limit in front, see deploy/nginx). Over the limit: 429 with Retry-After, a problem document for the
/// API and a short page for the sign-in form.
/// </summary>
public static class RateLimits
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly object KeyItem = new();

    /// <summary>
    /// The rate limiter, after the API key (if any) is checked: the limiter's partition is chosen synchronously, so
    /// the key's holder is looked up first (one indexed query on the key's hash) and only a valid key gets its own bucket.
    /// </summary>
    public static IApplicationBuilder UseRegistryRateLimiter(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                && context.Request.Headers.TryGetValue(CollectorApi.ApiKeyHeader, out var presented))
            {
                var holder = await context.RequestServices.GetRequiredService<AccountRegistry.Application.Collectors.AuthenticateCollector.Handler>()
                    .AnyPurposeAsync(presented.ToString(), context.RequestAborted);
                if (holder is not null)
                {
                    context.Items[KeyItem] = holder.KeyId;
                }
            }

            await next(context);
        });
        return app.UseRateLimiter();
    }

    public static IServiceCollection AddRegistryRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, options));
            limiter.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions options)
    {
        var request = context.Request;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (HttpMethods.IsPost(request.Method) && request.Path.Equals("/login", StringComparison.OrdinalIgnoreCase))
        {
            return Fixed("login:" + address, options.LoginPerMinute);
        }

        if (request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            // A made-up key is no key: it shares its address's bucket, so it cannot open a fresh one per request.
            var who = context.Items[KeyItem] is int keyId ? "key:" + keyId.ToString(CultureInfo.InvariantCulture)
                : context.User.Identity?.IsAuthenticated == true ? "user:" + context.User.Identity.Name
                : "address:" + address;
            return Fixed("api:" + who, options.ApiPerMinute);
        }

        return RateLimitPartition.GetNoLimiter(string.Empty);
    }

    private static RateLimitPartition<string> Fixed(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var localizer = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests; retry after the Retry-After header's seconds.")
                .ExecuteAsync(http);
            return;
        }

        http.Response.ContentType = "text/plain; charset=utf-8";
        var message = http.Request.Path.Equals("/login", StringComparison.OrdinalIgnoreCase) ? "RateLimit.TooManySignIns" : "RateLimit.TooManyRequests";
        await http.Response.WriteAsync(localizer[message].Value, cancellationToken);
    }
}
