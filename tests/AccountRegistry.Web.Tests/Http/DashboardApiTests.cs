using System.Net;
using System.Text.Json;
using AccountRegistry.Web.Tests.Support;

namespace AccountRegistry.Web.Tests.Http;

[Collection(DemoCollection.Name)]
public sealed class DashboardApiTests(RegistryWebApp app)
{
    [Fact]
    public async Task Summary_ForALeader_HasTheFiguresAsOfTheDay()
    {
        using var leader = await LoginClient.SignInAsync(app.BaseAddress, "leader");

        var today = JsonDocument.Parse(await leader.GetStringAsync("api/v1/dashboard/summary", TestContext.Current.CancellationToken)).RootElement;
        var longAgo = JsonDocument.Parse(await leader.GetStringAsync("api/v1/dashboard/summary?asOf=2020-01-01", TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal(142, today.GetProperty("accounts").GetProperty("total").GetInt32());
        Assert.Equal(2, today.GetProperty("accounts").GetProperty("closed").GetInt32());
        Assert.Equal(1, today.GetProperty("accounts").GetProperty("merged").GetInt32());
        Assert.Equal(12, today.GetProperty("townships").GetArrayLength());
        Assert.Equal("2020-01-01", longAgo.GetProperty("as_of").GetString());
        Assert.True(longAgo.GetProperty("accounts").GetProperty("total").GetInt32() < 142);
        Assert.Equal(0, longAgo.GetProperty("accounts").GetProperty("closed").GetInt32());
    }

    [Fact]
    public async Task Summary_RefusesClerksAnonymousAndBadDates()
    {
        using var clerk = await LoginClient.SignInAsync(app.BaseAddress, "clerk.wangyue");
        using var anonymous = LoginClient.Anonymous(app.BaseAddress);
        using var leader = await LoginClient.SignInAsync(app.BaseAddress, "leader");

        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("api/v1/dashboard/summary", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/dashboard/summary", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await leader.GetAsync("api/v1/dashboard/summary?asOf=2026-13-40", TestContext.Current.CancellationToken)).StatusCode);
    }
}
