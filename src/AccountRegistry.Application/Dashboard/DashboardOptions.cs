namespace AccountRegistry.Application.Dashboard;

/// <summary>Dashboard settings (configuration section "Dashboard").</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>The day the consolidation campaign started: "accounts before the campaign" and the trend start here.</summary>
    public DateOnly CampaignStart { get; set; } = new(2026, 1, 1);
}
