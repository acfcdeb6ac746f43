using AccountRegistry.Domain.Content;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Content;

internal static class ContentTexts
{
    public static Color Color(ContentCheck check) => check switch
    {
        ContentCheck.Privacy => MudBlazor.Color.Error,
        ContentCheck.NameError => MudBlazor.Color.Error,
        ContentCheck.Banned => MudBlazor.Color.Warning,
        ContentCheck.ExternalLink => MudBlazor.Color.Info,
        _ => MudBlazor.Color.Default,
    };

    /// <summary>What a finding's detail means for its check: the kind of number, the correct name, the phrase or the host.</summary>
    public static string Detail(IStringLocalizer localizer, ContentCheck check, string detail) => check switch
    {
        ContentCheck.Privacy => localizer["Content.Privacy." + detail],
        ContentCheck.NameError => string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer["Content.ShouldBe"], detail),
        _ => detail,
    };
}
