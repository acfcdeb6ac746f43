using System.Globalization;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Notifications;

/// <summary>Who should hear about something that happened in a unit: users of a role bound to that unit or one above it.</summary>
public static class NotificationRecipients
{
    /// <summary>The ids in a materialised path ("/1/7/42/" → 1, 7, 42): the unit and its ancestors.</summary>
    public static IReadOnlyList<int> UnitAndAncestors(string unitPath)
    {
        ArgumentNullException.ThrowIfNull(unitPath);
        return unitPath.Split(Unit.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(id => int.Parse(id, CultureInfo.InvariantCulture))
            .ToList();
    }

    /// <summary>User names with the role whose unit is the given unit or an ancestor of it (their scope covers it).</summary>
    public static async Task<IReadOnlyList<string>> WithRoleOverAsync(RegistryDbContext db, string role, string unitPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var unitIds = UnitAndAncestors(unitPath);
        return await (
                from user in db.Users
                join userRole in db.UserRoles on user.Id equals userRole.UserId
                join r in db.Roles on userRole.RoleId equals r.Id
                where r.Name == role && user.UnitId != null && unitIds.Contains(user.UnitId.Value) && user.UserName != null
                orderby user.UserName
                select user.UserName!)
            .Distinct()
            .ToListAsync(cancellationToken);
    }
}
