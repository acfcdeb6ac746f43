using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AccountRegistry.Web;

/// <summary>
/// MudBlazor's own texts (pager, date picker, data grid …) from our resource files, under MudBlazor's keys, so that a
/// Chinese screen shows no "Rows per page". MudBlazor asks it for any culture but English, where its built-in texts stand.
/// </summary>
public sealed class ResourceMudLocalizer(IStringLocalizer<SharedResource> localizer) : MudLocalizer
{
    public override LocalizedString this[string key] => localizer[key];

    public override LocalizedString this[string key, params object[] arguments] => localizer[key, arguments];
}
