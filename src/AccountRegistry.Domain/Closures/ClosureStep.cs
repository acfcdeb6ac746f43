namespace AccountRegistry.Domain.Closures;

/// <summary>One dated step of a request's timeline: who did what, from which state to which, with their note.</summary>
public class ClosureStep
{
    public long Id { get; set; }

    public int RequestId { get; set; }

    public ClosureAction Action { get; set; }

    /// <summary>Null for the step that created the request.</summary>
    public ClosureState? FromState { get; set; }

    public ClosureState ToState { get; set; }

    public required string Actor { get; set; }

    public DateTimeOffset At { get; set; }

    public string? Note { get; set; }

    /// <summary>The due day of the next step as set by this one (null when nothing is due).</summary>
    public DateOnly? DueOn { get; set; }
}
