using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace AccountRegistry.Web;

/// <summary>Configuration section "ForwardedHeaders": the proxies whose X-Forwarded-For/-Proto are believed.</summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>
    /// Addresses of the reverse proxies in front of the app (nginx on the same machine: 127.0.0.1). Empty (the
    /// default): no proxy, and X-Forwarded-* headers are ignored, so no client can choose its own address.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];
}

/// <summary>
/// What the edge of the app refuses or rewrites before any page or endpoint runs: forwarded headers from unknown
/// senders, the Server header, NUL characters in URLs (PostgreSQL text cannot hold them), request bodies over the
/// limit (413 with a problem document, not a 500), and Location headers naming whatever Host the client sent.
/// </summary>
public static class EdgeHardening
{
    public static void AddEdgeHardening(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        var proxies = builder.Configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // The framework trusts loopback by default, so without a proxy a local client could pick its address; and
            // with both lists empty it trusts every sender. No configured proxy: forwarded headers are not read at all.
            options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the obsolete list is still consulted: empty it too
            options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            options.KnownProxies.Clear();
            foreach (var proxy in proxies.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            options.ForwardedHeaders = options.KnownProxies.Count > 0
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                : ForwardedHeaders.None;
        });
    }

    public static void UseEdgeHardening(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (HasNul(context.Request.Path.Value) || HasNul(context.Request.QueryString.Value))
            {
                await RefuseAsync(context, StatusCodes.Status400BadRequest, "The address contains a NUL character (%00).");
                return;
            }

            context.Response.OnStarting(() =>
            {
                MakeLocationLocal(context);
                return Task.CompletedTask;
            });

            try
            {
                await next(context);
            }
            catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
            {
                // Kestrel's own refusals (a body over MaxRequestBodySize: 413) keep their status code.
                await RefuseAsync(context, ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? "The request body is larger than the server accepts; send smaller batches."
                    : "The request is malformed.");
            }
        });
    }

    /// <summary>
    /// A return address that stays on this site, else "/": a path starting with one slash, not "//" or "/\\" (which
    /// browsers read as another host) and without control characters ("/%09/evil.example").
    /// </summary>
    public static string LocalOrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl)
            ? url
            : "/";

    /// <summary>The path and query of a URL (absolute or not): redirects never name a host.</summary>
    public static string LocalPart(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute.PathAndQuery + absolute.Fragment
            : url;
    }

    private static void MakeLocationLocal(HttpContext context)
    {
        var location = context.Response.Headers.Location.ToString();
        if (location.Length > 0 && Uri.TryCreate(location, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            && string.Equals(absolute.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.Location = absolute.PathAndQuery + absolute.Fragment;
        }
    }

    private static bool HasNul(string? text) =>
        text is not null && (text.Contains('\0', StringComparison.Ordinal) || text.Contains("%00", StringComparison.Ordinal));

    private static async Task RefuseAsync(HttpContext context, int status, string title)
    {
        context.Response.Clear();
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await TypedResults.Problem(statusCode: status, title: title).ExecuteAsync(context);
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(title);
    }
}
