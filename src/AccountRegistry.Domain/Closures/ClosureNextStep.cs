namespace AccountRegistry.Domain.Closures;

/// <summary>What the lists show as "next step": who has to do what for the request to move on.</summary>
public enum ClosureNextStep
{
    None,
    ClerkSubmits,
    ReviewerDecides,
    ClerkRevisesOrWithdraws,
    ClerkPostsNotice,
    ClerkRecordsOpening,
    ClerkDeregisters,
    ReviewerConfirms,
}

public static class ClosureNextSteps
{
    public static ClosureNextStep Of(ClosureState state, ClosureKind kind) => state switch
    {
        ClosureState.Draft => ClosureNextStep.ClerkSubmits,
        ClosureState.Submitted => ClosureNextStep.ReviewerDecides,
        ClosureState.Rejected => ClosureNextStep.ClerkRevisesOrWithdraws,
        ClosureState.Approved => kind == ClosureKind.Open ? ClosureNextStep.ClerkRecordsOpening : ClosureNextStep.ClerkPostsNotice,
        ClosureState.NoticePosted => ClosureNextStep.ClerkDeregisters,
        ClosureState.Deregistered => ClosureNextStep.ReviewerConfirms,
        ClosureState.Completed or ClosureState.Withdrawn => ClosureNextStep.None,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
