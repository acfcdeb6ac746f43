using AccountRegistry.Domain.Common;

namespace AccountRegistry.Domain.Rules;

/// <summary>
/// Day T of an evaluation and its window W, as Shanghai calendar days and as the instants the SQL filters on.
/// Everything "as of T" is "before the end of T in Shanghai": a post at 04:00 Shanghai time on T (20:00 UTC the day
/// before) is on T; a snapshot captured at 00:30 Shanghai time on T+1 is after T and ignored.
/// </summary>
public readonly record struct EvaluationDay
{
    public EvaluationDay(DateOnly asOf, int windowDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowDays, 1);
        AsOf = asOf;
        WindowDays = windowDays;
    }

    public DateOnly AsOf { get; }

    public int WindowDays { get; }

    /// <summary>T − (window_days − 1): the first day of W (T−89 for 90 days).</summary>
    public DateOnly WindowFirstDay => AsOf.AddDays(-(WindowDays - 1));

    /// <summary>The first instant of W.</summary>
    public DateTimeOffset WindowStart => ShanghaiCalendar.StartOf(WindowFirstDay);

    /// <summary>The first instant after T (exclusive bound for posts and snapshots).</summary>
    public DateTimeOffset End => ShanghaiCalendar.EndOf(AsOf);

    /// <summary>"Days before T": T minus the day, in whole calendar days.</summary>
    public int DaysBefore(DateOnly day) => AsOf.DayNumber - day.DayNumber;

    /// <summary>A post published at this instant exists as of T.</summary>
    public bool Includes(DateTimeOffset publishedAt) => publishedAt < End;

    /// <summary>A post published at this instant lies in W.</summary>
    public bool InWindow(DateTimeOffset publishedAt) => publishedAt >= WindowStart && publishedAt < End;

    /// <summary>A snapshot captured at this instant may give a post's reads as of T (captured at or before the end of T).</summary>
    public bool CountsSnapshot(DateTimeOffset capturedAt) => capturedAt < End;
}
