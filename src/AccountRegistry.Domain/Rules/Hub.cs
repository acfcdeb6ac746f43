using AccountRegistry.Domain.Accounts;

namespace AccountRegistry.Domain.Rules;

/// <summary>A live hub account (is_hub, not closed or merged) and the county it belongs to.</summary>
public sealed record Hub(int AccountId, Platform Platform, string PlatformAccountId, string Name, int? CountyUnitId);
