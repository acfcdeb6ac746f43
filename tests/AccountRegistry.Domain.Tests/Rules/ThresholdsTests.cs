using AccountRegistry.Domain.Rules;

namespace AccountRegistry.Domain.Tests.Rules;

public class ThresholdsTests
{
    [Fact]
    public void Defaults_AreTheSpecsNumbers()
    {
        Assert.Equal(
            [
                new("stale_days", 14m), new("low_reads_mean", 100m), new("window_days", 90m), new("never_posted_days", 14m),
                new("duplicate_content_min_posts", 3m), new("duplicate_content_share", 0.5m), new("repost_heavy_min_posts", 5m),
                new KeyValuePair<string, decimal>("repost_heavy_original_share", 0.2m),
            ],
            Thresholds.Defaults.ToNamedValues());
        Assert.Empty(Thresholds.Defaults.Validate());
    }

    [Fact]
    public void Validate_NamesEveryValueOutOfRange()
    {
        var bad = Thresholds.Defaults with { WindowDays = 0, DuplicateContentShare = 1.5m, StaleDays = -1 };

        var problems = bad.Validate();

        Assert.Equal(["stale_days", "window_days", "duplicate_content_share"], problems.Select(p => p.Name));
    }

    [Fact]
    public void RuleSettings_Change_RefusesInvalidValuesAndKeepsTheOldOnes()
    {
        var settings = new RuleSettings { UnitId = 1 };

        Assert.Throws<ArgumentException>(() => settings.Change(Thresholds.Defaults with { WindowDays = 0 }, 180, "admin", DateTimeOffset.UnixEpoch));
        Assert.Throws<ArgumentException>(() => settings.Change(Thresholds.Defaults, -1, "admin", DateTimeOffset.UnixEpoch));

        Assert.Equal(90, settings.WindowDays);
        Assert.Equal(Thresholds.Defaults, settings.ToThresholds());
    }

    [Fact]
    public void RuleCodes_SortByCodeOrdinal()
    {
        var sorted = Enum.GetValues<RuleCode>().Order(RuleCodes.ByCode).Select(r => r.ToCode());

        Assert.Equal(
            ["BELOW_COUNTY_LEVEL", "DUPLICATE_CONTENT", "DUPLICATE_PLATFORM", "LOW_READS", "NEVER_POSTED", "REPOST_HEAVY", "STALE", "UNATTENDED"],
            sorted);
    }
}
