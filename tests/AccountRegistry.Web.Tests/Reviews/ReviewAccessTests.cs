using System.Net;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using AccountRegistry.Web.Tests.Support;

namespace AccountRegistry.Web.Tests.Reviews;

/// <summary>The review pages and exports answer only reviewers and administrators, on the server.</summary>
[Collection(ReviewCollection.Name)]
public sealed class ReviewAccessTests(ReviewApp app)
{
    [Theory]
    [InlineData("clerk.wangyue", "reviews")]
    [InlineData("clerk.wangyue", "reviews/1")]
    [InlineData("clerk.wangyue", "reviews/export.xlsx")]
    [InlineData("clerk.wangyue", "audit")]
    [InlineData("clerk.wangyue", "audit/export.xlsx")]
    [InlineData("clerk.wangyue", "reviews/what-if")]
    [InlineData("leader", "reviews")]
    [InlineData("leader", "reviews/1")]
    [InlineData("leader", "reviews/export.xlsx")]
    [InlineData("leader", "audit")]
    public async Task ClerkAndLeader_AreRefused(string user, string path)
    {
        using var client = await LoginClient.SignInAsync(app.BaseAddress, user);

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/forbidden", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reviewer", "reviews")]
    [InlineData("reviewer", "audit")]
    [InlineData("leader", "reviews/what-if")]
    [InlineData("admin", "reviews")]
    public async Task ReviewerLeaderAndAdmin_ReachTheirPages(string user, string path)
    {
        using var client = await LoginClient.SignInAsync(app.BaseAddress, user);

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ReviewerExport_HoldsExactlyTheFilteredFlaggedAccountsOfTheirDistrict()
    {
        using var reviewer = await LoginClient.SignInAsync(app.BaseAddress, "reviewer");
        await using var db = RegistryDbContextOptions.Create(app.ConnectionString);
        var expected = await db.Flags
            .Where(f => f.Status == FlagStatus.Open && f.Rule == RuleCode.BelowCountyLevel)
            .Select(f => db.Accounts.Where(a => a.Id == f.AccountId).Select(a => a.PlatformAccountId).First())
            .ToListAsync(TestContext.Current.CancellationToken);

        var response = await reviewer.GetAsync("reviews/export.xlsx?state=all&rule=BELOW_COUNTY_LEVEL", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(StringComparer.Ordinal), rows.Select(r => (string)r["账号ID account_id"]).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Contains("BELOW_COUNTY_LEVEL", (string)r["规则 rules"], StringComparison.Ordinal));
    }
}
