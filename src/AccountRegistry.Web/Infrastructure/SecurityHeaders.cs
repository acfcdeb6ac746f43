namespace AccountRegistry.Web;

public static class SecurityHeaders
{
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
            headers.ContentSecurityPolicy =
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
                "font-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
            await next();
        });
}
