using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Domain.Interactions;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;

namespace AccountRegistry.Domain.Tests.Common;

public sealed class EnumCodesTests
{
    [Fact]
    public void TryParse_ReadsEveryValuesCodeBack_AndNothingElse()
    {
        RoundTrips<Platform>(Platforms.ToCode, Platforms.TryParse);
        RoundTrips<AccountStatus>(AccountStatuses.ToCode, AccountStatuses.TryParse);
        RoundTrips<UnitLevel>(UnitLevels.ToCode, UnitLevels.TryParse);
        RoundTrips<RuleCode>(RuleCodes.ToCode, RuleCodes.TryParse);
        RoundTrips<InspectionCode>(InspectionCodes.ToCode, InspectionCodes.TryParse);
        RoundTrips<InspectionResultKind>(InspectionCodes.ToCode, InspectionCodes.TryParseResult);
        RoundTrips<ClosureState>(ClosureStates.ToCode, ClosureStates.TryParse);
    }

    [Theory]
    [InlineData("wechat", true)]
    [InlineData("WeChat", false)]
    [InlineData(" wechat", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void TryParse_IsExactAndOrdinal(string? code, bool known) =>
        Assert.Equal(known, Platforms.TryParse(code, out _));

    [Theory]
    [InlineData(" Comment ", InteractionKind.Comment)]
    [InlineData("MESSAGE", InteractionKind.Message)]
    public void InteractionKinds_StayLenientOnCaseAndBlanks(string code, InteractionKind expected)
    {
        Assert.True(InteractionKinds.TryParse(code, out var kind));
        Assert.Equal(expected, kind);
    }

    [Fact]
    public void Parse_OfAnUnknownCode_SaysWhichCode()
    {
        Assert.Equal("Unknown ClosureAction code 'fly'.", Assert.Throws<FormatException>(() => ClosureActions.Parse("fly")).Message);
        Assert.Equal(ClosureAction.PostNotice, ClosureActions.Parse("post_notice"));
    }

    private delegate bool TryParser<T>(string? code, out T value);

    private static void RoundTrips<T>(Func<T, string> toCode, TryParser<T> tryParse)
        where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            Assert.True(tryParse(toCode(value), out var back), $"{typeof(T).Name}.{value}");
            Assert.Equal(value, back);
        }

        Assert.False(tryParse("no-such-code", out _));
        Assert.False(new EnumCodes<T>(toCode).TryParse(null, out _));
    }
}
