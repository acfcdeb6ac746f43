namespace AccountRegistry.Domain.Closures;

/// <summary>
/// Who acts, as far as the workflow cares: a clerk of the request's unit subtree or a reviewer above it. Whether the
/// user's scope covers the request's unit is checked where the request is loaded (the application layer); the
/// workflow checks the role.
/// </summary>
public sealed record ClosureActor(string UserName, bool IsClerk, bool IsReviewer)
{
    public static ClosureActor Clerk(string userName) => new(userName, IsClerk: true, IsReviewer: false);

    public static ClosureActor Reviewer(string userName) => new(userName, IsClerk: false, IsReviewer: true);

    /// <summary>Leaders and administrators read requests but move none.</summary>
    public static ClosureActor ReadOnly(string userName) => new(userName, IsClerk: false, IsReviewer: false);
}
