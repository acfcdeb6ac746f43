using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Closures;

namespace AccountRegistry.Application.Closures;

/// <summary>Who sees which requests, and how a signed-in user acts in the workflow.</summary>
public static class ClosureScope
{
    /// <summary>Requests of units in the user's subtree: a clerk their township's, a reviewer or leader their district's.</summary>
    public static IQueryable<ClosureRequest> VisibleTo(this IQueryable<ClosureRequest> requests, UserScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.SeesEverything)
        {
            return requests;
        }

        var prefix = scope.VisiblePathPrefix;
        return requests.Where(r => r.Unit!.Path.StartsWith(prefix));
    }

    /// <summary>The user's roles as the workflow knows them; leaders and administrators move nothing.</summary>
    public static ClosureActor ActorOf(UserScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return new ClosureActor(scope.UserName, scope.IsClerk, scope.IsReviewer);
    }

    public static string LinkTo(int requestId) => $"closures/{requestId}";
}
