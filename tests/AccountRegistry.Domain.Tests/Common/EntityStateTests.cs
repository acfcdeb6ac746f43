using System.Reflection;
using System.Runtime.CompilerServices;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Collectors;
using AccountRegistry.Domain.Content;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;

namespace AccountRegistry.Domain.Tests.Common;

/// <summary>
/// An entity's state changes only through its methods, which check the transition: its state properties can be given
/// when the entity is built (and by EF Core when it is loaded) but not assigned afterwards.
/// </summary>
public sealed class EntityStateTests
{
    public static TheoryData<Type, string> StateProperties() => new()
    {
        { typeof(Account), nameof(Account.Status) },
        { typeof(Account), nameof(Account.StatusChangedOn) },
        { typeof(Account), nameof(Account.MergedIntoAccountId) },
        { typeof(Account), nameof(Account.FilingNo) },
        { typeof(Account), nameof(Account.FiledOn) },
        { typeof(Flag), nameof(Flag.Status) },
        { typeof(Flag), nameof(Flag.ResolvedAt) },
        { typeof(Flag), nameof(Flag.DismissedAt) },
        { typeof(Flag), nameof(Flag.Evidence) },
        { typeof(AccountReview), nameof(AccountReview.StandingKind) },
        { typeof(CollectorApiKey), nameof(CollectorApiKey.RevokedAt) },
        { typeof(ContentFinding), nameof(ContentFinding.Status) },
        { typeof(RectificationTask), nameof(RectificationTask.State) },
        { typeof(InspectionRound), nameof(InspectionRound.State) },
        { typeof(InspectionRound), nameof(InspectionRound.PublishedAt) },
    };

    [Theory]
    [MemberData(nameof(StateProperties))]
    public void StateProperty_IsInitOnly(Type entity, string property)
    {
        var setter = entity.GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.SetMethod;

        Assert.True(
            setter is null || !setter.IsPublic || setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)),
            $"{entity.Name}.{property} has a public setter");
    }

    [Fact]
    public void Account_ClosedThroughItsMethod_ChangesItsState()
    {
        var account = new Account { Name = "望岳发布", PlatformAccountId = "gh_1", OpenedOn = new DateOnly(2020, 1, 1) };

        account.Close(new DateOnly(2026, 12, 1), "停更", "clerk", DateTimeOffset.UnixEpoch);

        Assert.Equal(AccountStatus.Closed, account.Status);
        Assert.Equal(new DateOnly(2026, 12, 1), account.StatusChangedOn);
        Assert.Throws<InvalidOperationException>(() => account.Close(new DateOnly(2026, 12, 2), "again", "clerk", DateTimeOffset.UnixEpoch));
    }
}
