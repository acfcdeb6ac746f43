namespace AccountRegistry.Domain.Closures;

/// <summary>
/// When the next step of a request is due. Policy asks that an account's opening, change or closure be filed within
/// five working days; we hold every step to the same measure, so nobody's part waits longer than the clerk's:
/// <list type="bullet">
/// <item>draft or rejected: the clerk (re)submits within N working days;</item>
/// <item>submitted: the reviewer decides within N;</item>
/// <item>approved: the clerk posts the closing notice (or records the opened account) within N;</item>
/// <item>notice posted: the clerk deregisters within N after the later of the planned last-post day and the notice;</item>
/// <item>deregistered: the reviewer confirms within N.</item>
/// </list>
/// </summary>
public sealed class ClosureDeadlines(WorkingCalendar calendar, int workingDays = ClosureDeadlines.PolicyWorkingDays)
{
    public const int PolicyWorkingDays = 5;

    public WorkingCalendar Calendar => calendar;

    public int WorkingDays => workingDays;

    /// <summary>Plain weekdays and the policy's five days: for tests and tools without configuration.</summary>
    public static ClosureDeadlines Default { get; } = new(new WorkingCalendar(ChinaPublicHolidays.DaysOff, ChinaPublicHolidays.MakeUpWorkdays));

    public DateOnly? DueFor(ClosureState state, DateOnly enteredOn, DateOnly? plannedLastPostOn) => state switch
    {
        ClosureState.Draft or ClosureState.Submitted or ClosureState.Rejected or ClosureState.Approved or ClosureState.Deregistered
            => calendar.AddWorkingDays(enteredOn, workingDays),
        ClosureState.NoticePosted => calendar.AddWorkingDays(
            plannedLastPostOn is { } last && last > enteredOn ? last : enteredOn, workingDays),
        ClosureState.Completed or ClosureState.Withdrawn => null,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
