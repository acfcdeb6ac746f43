namespace AccountRegistry.Domain.Common;

/// <summary>
/// The county's calendar. Every rule counts calendar days in Asia/Shanghai (UTC+8, no daylight saving), so a post
/// at 04:00 Shanghai time belongs to that Shanghai day even though it is the previous day in UTC.
/// </summary>
public static class ShanghaiCalendar
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DayOf(clock.GetUtcNow());
    }

    /// <summary>The first instant of the Shanghai day.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>The first instant after the Shanghai day ends (exclusive upper bound).</summary>
    public static DateTimeOffset EndOf(DateOnly day) => StartOf(day.AddDays(1));
}
