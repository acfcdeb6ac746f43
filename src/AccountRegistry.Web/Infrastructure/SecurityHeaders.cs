namespace AccountRegistry.Web;

public static class SecurityHeaders
{
    private static string Policy(string scriptSource) =>
        $"default-src 'self'; {scriptSource}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>
    /// Headers on every response. The CSP allows only our own scripts and styles: Blazor Server and MudBlazor need
    /// 'unsafe-inline' styles (MudBlazor sets style attributes) and a websocket to ourselves, but no inline script.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = Policy("script-src 'self'");

            // The API reference page (Scalar) starts itself with one inline module script that carries a fresh nonce,
            // known only once the page is rendered: allow that script, and still no other inline script.
            context.Response.OnStarting(() =>
            {
                // Pages, exports and API answers hold one user's data: no cache (browser, proxy) keeps them. Static
                // assets set their own caching.
                if (!context.Response.Headers.ContainsKey("Cache-Control"))
                {
                    context.Response.Headers.CacheControl = "no-store";
                }

                if (context.Items[Scalar.AspNetCore.ScalarOptions.NonceHttpContextItemKey] is string nonce)
                {
                    context.Response.Headers.ContentSecurityPolicy = Policy($"script-src 'self' 'nonce-{nonce}'");
                }

                return Task.CompletedTask;
            });
            await next();
        });
}
