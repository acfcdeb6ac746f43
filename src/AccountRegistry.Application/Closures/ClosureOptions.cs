using AccountRegistry.Domain.Closures;

namespace AccountRegistry.Application.Closures;

/// <summary>
/// Configuration section "Closures". The official holiday schedule of the years already published is built in
/// (<see cref="ChinaPublicHolidays"/>); a later year's schedule can be added here as soon as the State Council
/// publishes it, without waiting for a release:
/// <code>"Closures": { "DaysOff": ["2027-02-06", …], "MakeUpWorkdays": ["2027-02-14", …] }</code>
/// </summary>
public sealed class ClosureOptions
{
    public const string Section = "Closures";

    /// <summary>Working days each step may take (the policy says five).</summary>
    public int DueWorkingDays { get; set; } = ClosureDeadlines.PolicyWorkingDays;

    /// <summary>Working days a unit has to rectify an inspection round's failures (整改时限), counted from publishing.</summary>
    public int RectificationWorkingDays { get; set; } = 10;

    public IList<DateOnly> DaysOff { get; } = [];

    public IList<DateOnly> MakeUpWorkdays { get; } = [];

    /// <summary>Raise in-app reminders for overdue requests in the background (the web app).</summary>
    public bool RemindersEnabled { get; set; } = true;

    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromHours(1);

    public ClosureDeadlines ToDeadlines() => new(
        new WorkingCalendar(ChinaPublicHolidays.DaysOff.Concat(DaysOff), ChinaPublicHolidays.MakeUpWorkdays.Concat(MakeUpWorkdays)),
        DueWorkingDays);
}
