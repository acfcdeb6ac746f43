using AccountRegistry.Domain.Accounts;
using AccountRegistry.Web.Components.Shared;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace AccountRegistry.Web.Tests.Components;

public sealed class ComponentTests : BunitContext
{
    public ComponentTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
    }

    [Theory]
    [InlineData(AccountStatus.Active, "运营中")]
    [InlineData(AccountStatus.Closed, "已关停")]
    [InlineData(AccountStatus.Merged, "已整合")]
    public void StatusChip_ShowsTheChineseStatusName(AccountStatus status, string expected)
    {
        var chip = Render<StatusChip>(parameters => parameters.Add(p => p.Status, status));

        Assert.Contains(expected, chip.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void RedirectToLogin_KeepsThePageAsReturnUrl()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("accounts/42?x=1");

        Render<RedirectToLogin>();

        Assert.Equal("http://localhost/login?returnUrl=/accounts%2F42%3Fx%3D1", navigation.Uri);
    }

    [Fact]
    public void DatabaseErrorMessage_SaysTheDatabaseIsUnavailable_ForConnectionFailures()
    {
        var message = Render<DatabaseErrorMessage>(parameters => parameters.Add(p => p.Exception, new InvalidOperationException("wrapped", new Npgsql.NpgsqlException("connection refused"))));
        var other = Render<DatabaseErrorMessage>(parameters => parameters.Add(p => p.Exception, new InvalidOperationException("bug")));

        Assert.Contains("数据库暂时无法连接", message.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("数据库暂时无法连接", other.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("bug", other.Markup, StringComparison.Ordinal);
    }
}
