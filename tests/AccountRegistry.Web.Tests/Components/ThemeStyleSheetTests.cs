using System.Globalization;
using AccountRegistry.Web.Components.Layout;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;

namespace AccountRegistry.Web.Tests.Components;

/// <summary>The theme's style sheet, rendered once per process for every prerender (docs/benchmarks.md, "Load").</summary>
public sealed class ThemeStyleSheetTests
{
    [Fact]
    public async Task TheSheet_IsTheRegistryTheme_WrittenTheSameWhateverTheRequestsCulture()
    {
        await using var services = Services();
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var sheet = (await new ThemeStyleSheet(services.GetRequiredService<IServiceScopeFactory>(), NullLoggerFactory.Instance).GetAsync()).Value;

            Assert.Contains("--mud-palette-primary: rgba(183,28,28,1);", sheet, StringComparison.Ordinal);
            Assert.Contains("'Noto Sans CJK SC'", sheet, StringComparison.Ordinal);
            Assert.Contains("--mud-ripple-opacity: 0.1;", sheet, StringComparison.Ordinal);
            Assert.DoesNotContain("--mud-ripple-opacity: 0,1;", sheet, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public async Task ARenderThatFailed_IsTriedAgain_NotKeptForTheProcessesLife()
    {
        await using var services = Services();
        var scopes = new FailingOnce(services.GetRequiredService<IServiceScopeFactory>());
        var sheet = new ThemeStyleSheet(scopes, NullLoggerFactory.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => sheet.GetAsync());
        var second = await sheet.GetAsync();
        var third = await sheet.GetAsync();

        Assert.Contains("--mud-palette-primary: rgba(183,28,28,1);", second.Value, StringComparison.Ordinal);
        Assert.Equal(2, scopes.Created);
        Assert.Equal(second.Value, third.Value);
    }

    private static ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMudServices();

        // The app's IJSRuntime comes with its Razor components; a prerender never calls it, nor does this render.
        services.AddScoped<Microsoft.JSInterop.IJSRuntime, NoJavaScript>();
        return services.BuildServiceProvider();
    }

    private sealed class NoJavaScript : Microsoft.JSInterop.IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new InvalidOperationException("No JavaScript while prerendering.");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            throw new InvalidOperationException("No JavaScript while prerendering.");
    }

    private sealed class FailingOnce(IServiceScopeFactory inner) : IServiceScopeFactory
    {
        public int Created { get; private set; }

        public IServiceScope CreateScope()
        {
            Created++;
            return Created == 1 ? throw new InvalidOperationException("the first render fails") : inner.CreateScope();
        }
    }
}
