using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Units;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

/// <summary>Enums are stored as the spec's lower-case codes so that SQL, exports and the JSON output agree.</summary>
internal static class Converters
{
    public static readonly ValueConverter<Platform, string> Platform = new(
        p => p.ToCode(),
        s => Platforms.Parse(s));

    public static readonly ValueConverter<UnitLevel, string> UnitLevel = new(
        l => l.ToCode(),
        s => UnitLevels.Parse(s));

    public static readonly ValueConverter<AccountStatus, string> AccountStatus = new(
        a => a.ToCode(),
        s => AccountStatuses.Parse(s));
}
