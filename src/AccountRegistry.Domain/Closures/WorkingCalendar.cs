namespace AccountRegistry.Domain.Closures;

/// <summary>
/// Working days for the policy's "within 5 working days": Monday to Friday, minus the official days off, plus the
/// weekend days the State Council declares working days (调休). The lists come from <see cref="ChinaPublicHolidays"/>
/// and configuration, because the schedule is published one year at a time.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly HashSet<DateOnly> daysOff;
    private readonly HashSet<DateOnly> makeUpWorkdays;

    public WorkingCalendar(IEnumerable<DateOnly> daysOff, IEnumerable<DateOnly> makeUpWorkdays)
    {
        ArgumentNullException.ThrowIfNull(daysOff);
        ArgumentNullException.ThrowIfNull(makeUpWorkdays);
        this.daysOff = [.. daysOff];
        this.makeUpWorkdays = [.. makeUpWorkdays];
    }

    /// <summary>Monday to Friday, no holidays.</summary>
    public static WorkingCalendar WeekdaysOnly { get; } = new([], []);

    public bool IsWorkingDay(DateOnly day)
    {
        if (makeUpWorkdays.Contains(day))
        {
            return true;
        }

        if (daysOff.Contains(day))
        {
            return false;
        }

        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>The <paramref name="count"/>-th working day after <paramref name="from"/> (the day itself does not count).</summary>
    public DateOnly AddWorkingDays(DateOnly from, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var day = from;
        var left = count;
        while (left > 0)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                left--;
            }
        }

        return day;
    }
}

/// <summary>
/// The official schedule of days off and make-up working days (国务院办公厅关于部分节假日安排的通知). Only years
/// already published are listed; later years go into configuration (Closures:DaysOff, Closures:MakeUpWorkdays)
/// until a release adds them here.
/// </summary>
public static class ChinaPublicHolidays
{
    public static IReadOnlyList<DateOnly> DaysOff { get; } =
    [
        // 2024 and 2025 too: an inspection as of early 2026 (or a past day) has messages from them in its period.
        new DateOnly(2024, 1, 1),  // 元旦
        .. Span(2024, 2, 10, 8),   // 春节
        .. Span(2024, 4, 4, 3),    // 清明节
        .. Span(2024, 5, 1, 5),    // 劳动节
        .. Span(2024, 6, 8, 3),    // 端午节
        .. Span(2024, 9, 15, 3),   // 中秋节
        .. Span(2024, 10, 1, 7),   // 国庆节
        new DateOnly(2025, 1, 1),  // 元旦
        .. Span(2025, 1, 28, 8),   // 春节
        .. Span(2025, 4, 4, 3),    // 清明节
        .. Span(2025, 5, 1, 5),    // 劳动节
        .. Span(2025, 5, 31, 3),   // 端午节
        .. Span(2025, 10, 1, 8),   // 国庆节、中秋节
        .. Span(2026, 1, 1, 3),    // 元旦
        .. Span(2026, 2, 15, 9),   // 春节
        .. Span(2026, 4, 4, 3),    // 清明节
        .. Span(2026, 5, 1, 5),    // 劳动节
        .. Span(2026, 6, 19, 3),   // 端午节
        .. Span(2026, 9, 25, 3),   // 中秋节
        .. Span(2026, 10, 1, 7),   // 国庆节
        new DateOnly(2027, 1, 1),  // 元旦 (statutory; the rest of 2027 is not yet published)
    ];

    public static IReadOnlyList<DateOnly> MakeUpWorkdays { get; } =
    [
        new DateOnly(2024, 2, 4),
        new DateOnly(2024, 2, 18),
        new DateOnly(2024, 4, 7),
        new DateOnly(2024, 4, 28),
        new DateOnly(2024, 5, 11),
        new DateOnly(2024, 9, 14),
        new DateOnly(2024, 9, 29),
        new DateOnly(2024, 10, 12),
        new DateOnly(2025, 1, 26),
        new DateOnly(2025, 2, 8),
        new DateOnly(2025, 4, 27),
        new DateOnly(2025, 9, 28),
        new DateOnly(2025, 10, 11),
        new DateOnly(2026, 1, 4),
        new DateOnly(2026, 2, 14),
        new DateOnly(2026, 2, 28),
        new DateOnly(2026, 5, 9),
        new DateOnly(2026, 9, 20),
        new DateOnly(2026, 10, 10),
    ];

    private static IEnumerable<DateOnly> Span(int year, int month, int day, int days) =>
        Enumerable.Range(0, days).Select(i => new DateOnly(year, month, day).AddDays(i));
}
