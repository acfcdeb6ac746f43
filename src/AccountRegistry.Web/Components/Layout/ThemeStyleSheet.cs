using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace AccountRegistry.Web.Components.Layout;

/// <summary>
/// The registry's MudBlazor theme, and the style sheet MudThemeProvider makes of it, rendered once per process.
/// </summary>
/// <remarks>
/// MudThemeProvider builds a default theme in its constructor and the theme's CSS variables (about 12 KB) on every
/// render: a sixth of what a page's prerender allocated (docs/benchmarks.md, "Load"). The theme never changes, so the
/// prerender writes this copy; the interactive render still uses MudThemeProvider, which renders the same sheet.
/// </remarks>
public sealed class ThemeStyleSheet(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight { Primary = "#b71c1c", AppbarBackground = "#b71c1c", Secondary = "#455a64" },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "sans-serif"] },
        },
    };

    private Task<MarkupString>? html;

    /// <summary>The sheet; a render that failed is tried again on the next request rather than kept.</summary>
    public Task<MarkupString> GetAsync()
    {
        var current = html;
        if (current is null || current.IsFaulted || current.IsCanceled)
        {
            // Two requests racing here both render; the results are the same, the last one is kept.
            current = RenderAsync(scopes, loggers);
            html = current;
        }

        return current;
    }

    private static async Task<MarkupString> RenderAsync(IServiceScopeFactory scopes, ILoggerFactory loggers)
    {
        var scope = scopes.CreateAsyncScope();
        var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        try
        {
            var markup = await renderer.Dispatcher.InvokeAsync(async () =>
            {
                // The sheet is CSS: the first request's culture must not decide how its numbers are written.
                System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
                var output = await renderer.RenderComponentAsync<MudThemeProvider>(
                    ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(MudThemeProvider.Theme)] = Theme }));
                return output.ToHtmlString();
            });
            return new MarkupString(markup);
        }
        finally
        {
            await DisposeQuietlyAsync(renderer, scope, loggers);
        }
    }

    /// <summary>
    /// MudThemeProvider's disposal calls JavaScript, which a renderer without a browser cannot do. The sheet is
    /// already written by then; failing here would fail every prerender that asks for it.
    /// </summary>
    private static async Task DisposeQuietlyAsync(HtmlRenderer renderer, AsyncServiceScope scope, ILoggerFactory loggers)
    {
        try
        {
            await renderer.DisposeAsync();
            await scope.DisposeAsync();
        }
        catch (Exception exception) when (exception is InvalidOperationException or Microsoft.JSInterop.JSException or AggregateException)
        {
            loggers.CreateLogger<ThemeStyleSheet>().LogDebug(exception, "Disposing the theme sheet's renderer failed; the sheet is kept");
        }
    }
}
