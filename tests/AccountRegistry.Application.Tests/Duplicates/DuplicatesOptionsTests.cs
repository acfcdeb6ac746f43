using AccountRegistry.Application.Duplicates;
using AccountRegistry.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AccountRegistry.Application.Tests.Duplicates;

/// <summary>The detector the app builds takes its crowded-member budget from configuration (Duplicates:CrowdedMemberBudget).</summary>
public sealed class DuplicatesOptionsTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task CrowdedMemberBudget_ComesFromConfiguration_WithTheDefaultWhenUnset()
    {
        await using var configured = AppServices.Build(
            fixture.ConnectionString, TimeProvider.System, new Dictionary<string, string?> { ["Duplicates:CrowdedMemberBudget"] = "30" });
        await using var unset = AppServices.Build(fixture.ConnectionString, TimeProvider.System);

        Assert.Equal(30, DetectorOf(configured).CrowdedMemberBudget);
        Assert.Equal(NearDuplicateDetector.DefaultCrowdedMemberBudget, DetectorOf(unset).CrowdedMemberBudget);
    }

    [Fact]
    public async Task NegativeCrowdedMemberBudget_IsRefusedByName()
    {
        await using var services = AppServices.Build(
            fixture.ConnectionString, TimeProvider.System, new Dictionary<string, string?> { ["Duplicates:CrowdedMemberBudget"] = "-1" });

        var refused = Assert.Throws<OptionsValidationException>(() => DetectorOf(services));

        Assert.Contains("Duplicates:CrowdedMemberBudget", refused.Message, StringComparison.Ordinal);
    }

    private static NearDuplicateDetector DetectorOf(ServiceProvider services)
    {
        using var scope = services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<NearDuplicateDetector>();
    }
}
