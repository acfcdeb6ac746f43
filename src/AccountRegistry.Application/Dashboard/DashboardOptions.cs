namespace AccountRegistry.Application.Dashboard;

/// <summary>Dashboard settings (configuration section "Dashboard").</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>
    /// The day the consolidation campaign started: "accounts before the campaign" and the trends start here. Unset,
    /// it is the day of the registry's first evaluation that raised flags (the clean-up began with it), or the
    /// dashboard's own day while nothing has been evaluated yet.
    /// </summary>
    public DateOnly? CampaignStart { get; set; }

    /// <summary>Whether computed figures are kept until a write to their tables commits (<see cref="DashboardSummaryCache"/>).</summary>
    public bool CacheFigures { get; set; } = true;

    /// <summary>
    /// How long a kept summary is served before the change log is asked again. Under load this spares every request a
    /// database round trip; figures then trail a committed write by at most this long.
    /// </summary>
    public TimeSpan RecheckAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A kept summary is recomputed after this long even when nothing changed (bounds what the change log must keep).</summary>
    public TimeSpan MaxCacheAge { get; set; } = TimeSpan.FromHours(1);
}
