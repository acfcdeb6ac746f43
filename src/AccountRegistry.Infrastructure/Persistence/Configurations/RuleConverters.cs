using AccountRegistry.Domain.Rules;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

/// <summary>The rules' enums are stored as the spec's codes, like <see cref="Converters"/>, so SQL and JSON agree.</summary>
internal static class RuleConverters
{
    public static readonly ValueConverter<RuleCode, string> RuleCode = new(
        r => r.ToCode(),
        s => RuleCodes.Parse(s));

    public static readonly ValueConverter<Recommendation, string> Recommendation = new(
        r => r.ToCode(),
        s => Recommendations.Parse(s));

    public static readonly ValueConverter<FlagStatus, string> FlagStatus = new(
        f => f.ToCode(),
        s => FlagStatuses.Parse(s));
}
