using AccountRegistry.Domain.Common;

namespace AccountRegistry.Domain.Units;

/// <summary>Place of a unit in the administrative tree (spec/interchange.md, units.csv).</summary>
public enum UnitLevel
{
    County,
    Department,
    Township,
    Street,
    Community,
    Village,
}

public static class UnitLevels
{
    /// <summary>The policy lets units at these levels keep no account of their own: they publish through the county media center.</summary>
    public static bool IsBelowCountyLevel(this UnitLevel level) => level switch
    {
        UnitLevel.Township or UnitLevel.Street or UnitLevel.Community or UnitLevel.Village => true,
        UnitLevel.County or UnitLevel.Department => false,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static string ToCode(this UnitLevel level) => level switch
    {
        UnitLevel.County => "county",
        UnitLevel.Department => "department",
        UnitLevel.Township => "township",
        UnitLevel.Street => "street",
        UnitLevel.Community => "community",
        UnitLevel.Village => "village",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    private static readonly EnumCodes<UnitLevel> UnitLevelCodes = new(ToCode);

    public static bool TryParse(string? code, out UnitLevel level) => UnitLevelCodes.TryParse(code, out level);

    public static UnitLevel Parse(string code) =>
        TryParse(code, out var value) ? value : throw new FormatException($"Unknown UnitLevel code '{code}'.");
}
