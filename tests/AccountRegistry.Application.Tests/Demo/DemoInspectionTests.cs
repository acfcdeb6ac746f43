using System.Text.Json.Nodes;
using AccountRegistry.Cli;
using AccountRegistry.TestSupport;

namespace AccountRegistry.Application.Tests.Demo;

/// <summary>The demo county shows the inspection's indicators and warnings (issue 15, item 4).</summary>
public sealed class DemoInspectionTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Inspect_DemoCounty_FiresTheIndicatorsAndWarningsSomewhere()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(["--connection", fixture.ConnectionString, "seed-demo"], output, error, TestContext.Current.CancellationToken));
        output = new StringWriter();

        var exit = await CommandLine.RunAsync(["--connection", fixture.ConnectionString, "inspect", "--json"], output, error, TestContext.Current.CancellationToken);

        Assert.True(exit == 0, error.ToString());
        var json = JsonNode.Parse(output.ToString())!.AsObject();
        var accounts = json["accounts"]!.AsArray().Select(a => a!.AsObject()).ToList();
        var codes = accounts.SelectMany(a => a["vetoes"]!.AsArray().Select(v => (string)v!))
            .Concat(accounts.SelectMany(a => a["deductions"]!.AsArray().Select(d => (string)d!["code"]!)))
            .Concat(json["warnings"]!.AsArray().Select(w => (string)w!["code"]!))
            .ToHashSet();
        foreach (var code in new[]
                 {
                     // Not DEDUCT_UNATTENDED: the demo's one unattended account is closed by its campaign, so it is
                     // not inspected; a live unattended account belongs to the demo's inspection story (issue 15).
                     "VETO_NOT_UPDATED", "VETO_NO_INTERACTION", "VETO_UNANSWERED", "DEDUCT_SLOW_REPLY", "DEDUCT_NOT_FILED",
                     "DEDUCT_REPOST_HEAVY", "NEAR_STALE", "REVIVED",
                 })
        {
            Assert.Contains(code, codes);
        }

        Assert.Contains(accounts, a => (string)a["result"]! == "excellent");
        Assert.Contains(accounts, a => (string)a["result"]! == "fail");
    }
}
