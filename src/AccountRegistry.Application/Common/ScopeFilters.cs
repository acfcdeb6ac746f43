using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Units;

namespace AccountRegistry.Application.Common;

public static class ScopeFilters
{
    /// <summary>Only the accounts whose unit lies in the user's subtree (an index range scan on units.path).</summary>
    public static IQueryable<Account> VisibleTo(this IQueryable<Account> accounts, UserScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.SeesEverything)
        {
            return accounts;
        }

        var prefix = scope.VisiblePathPrefix;
        return accounts.Where(a => a.Unit!.Path.StartsWith(prefix));
    }

    public static IQueryable<Unit> VisibleTo(this IQueryable<Unit> units, UserScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.SeesEverything)
        {
            return units;
        }

        var prefix = scope.VisiblePathPrefix;
        return units.Where(u => u.Path.StartsWith(prefix));
    }
}
