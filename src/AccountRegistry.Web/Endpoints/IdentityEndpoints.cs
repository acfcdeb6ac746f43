using AccountRegistry.Infrastructure.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace AccountRegistry.Web.Endpoints;

public static class IdentityEndpoints
{
    public static void MapIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post with an antiforgery token: a link or an image on another site cannot sign the user out.
        // The antiforgery middleware only records its verdict for an endpoint that binds no form, so it is enforced here.
        endpoints.MapPost("/logout", async (SignInManager<AppUser> signInManager, IAntiforgery antiforgery, ILoggerFactory loggers, HttpContext context) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            loggers.CreateLogger("Identity").LogInformation("User {User} signed out", context.User.Identity?.Name);
            await signInManager.SignOutAsync();
            return Results.LocalRedirect("/login");
        });
    }

    public static void MapCultureEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture", (HttpContext context, TimeProvider clock, [FromQuery] string culture, [FromQuery] string? returnUrl) =>
        {
            var known = WebSetup.SupportedCultures.FirstOrDefault(c => string.Equals(c.Name, culture, StringComparison.OrdinalIgnoreCase));
            if (known is not null)
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(known, known)),
                    new CookieOptions { Expires = clock.GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            }

            return TypedResults.LocalRedirect(EdgeHardening.LocalOrHome(returnUrl));
        }).AllowAnonymous();
    }
}
