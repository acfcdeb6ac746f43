using System.Globalization;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.Web.Components;
using AccountRegistry.Web.Endpoints;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using MudBlazor;
using MudBlazor.Services;
using Serilog;

namespace AccountRegistry.Web;

public static class WebSetup
{
    public static readonly CultureInfo[] SupportedCultures = [new("zh-CN"), new("en")];

    public static void AddRegistryLogging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Each host gets its own logger (preserveStaticLogger): the static one stays the start-up logger, so two hosts
        // in one process (tests) do not fight over freezing it.
        builder.Services.AddSerilog(
            (services, configuration) => configuration
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext(),
            preserveStaticLogger: true);
    }

    public static void AddWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddRazorComponents().AddInteractiveServerComponents();

        // Chinese text goes out as text, not as &#x...; entities: smaller pages and readable source. HTML-significant
        // characters are still encoded.
        services.AddWebEncoders(options => options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddMudServices();
        services.AddSingleton<Components.Layout.ThemeStyleSheet>();
        services.AddTransient<MudLocalizer, ResourceMudLocalizer>();
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityAuthenticationStateProvider>();
        services.AddScoped<CurrentUser>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/login";
            options.AccessDeniedPath = "/forbidden";
            options.Cookie.Name = "registry.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;

            // APIs answer 401/403; only pages redirect to the login form.
            options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });
        services.AddRegistryIdentityCore()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<RegistryClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var (name, roles) in Policies.RolesOf)
        {
            authorization.AddPolicy(name, policy => policy.RequireRole(roles));
        }

        // Keys in the database, so that a login works on every instance sharing it.
        services.AddDataProtection().SetApplicationName("AccountRegistry").PersistKeysToDbContext<RegistryDbContext>();

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddRegistryRateLimiting(builder.Configuration);

        builder.AddEdgeHardening();
        services.AddProblemDetails();
        services.AddCollectorApi();
        services.AddSingleton<ImportReports>();
        services.AddSingleton<ReconcileResults>();
        services.AddVerification(builder.Configuration);
    }

    public static void UseWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        app.UseEdgeHardening();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);

            // The API answers with a problem document (no stack trace, no SQL), 503 while the database is away.
            app.UseWhen(
                context => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase),
                api => api.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = DatabaseFailures.StatusCodeFor }));
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseSerilogRequestLogging();
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("zh-CN"),
            SupportedCultures = SupportedCultures,
            SupportedUICultures = SupportedCultures,
            RequestCultureProviders = [new CookieRequestCultureProvider()],
        });
        // An error status without a body: the API gets a problem document, pages the "not found" page (not 17 KB of
        // HTML where a collector or a county system expects JSON).
        // (The inner one writes first, and the page re-execution leaves a response with a body alone.)
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseAuthentication();
        app.UseRegistryRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapIdentityEndpoints();
        app.MapCultureEndpoint();
        app.MapAccountExport();
        app.MapDashboardEndpoints();
        app.MapReviewEndpoints();
        app.MapRoundReportEndpoints();
        app.MapCollectorApi();
        app.MapImportReports();
        app.MapFilingEndpoints();
        app.MapClosureAttachments();
        app.MapRectificationEvidence();
        app.MapVerificationEndpoints();
        app.MapContentEndpoints();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null); // our own CSP says frame-ancestors 'none'
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            // A problem document, not an empty body that the status-code pages would turn into an HTML page.
            return TypedResults.Problem(
                    statusCode: status,
                    title: status == StatusCodes.Status401Unauthorized ? "Sign in, or send an API key in the X-Api-Key header." : "Your role may not use this endpoint.")
                .ExecuteAsync(context.HttpContext);
        }

        // The cookie handler builds an absolute URL from the request's Host header: send only its path, so that a
        // forged Host never reaches a Location header.
        context.Response.Redirect(EdgeHardening.LocalPart(context.RedirectUri));
        return Task.CompletedTask;
    }
}
