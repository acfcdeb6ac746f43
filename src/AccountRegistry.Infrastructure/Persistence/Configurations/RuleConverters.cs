using AccountRegistry.Domain.Rules;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

/// <summary>The rules' enums are stored as the spec's codes, like <see cref="Converters"/>, so SQL and JSON agree.</summary>
internal static class RuleConverters
{
    public static readonly ValueConverter<RuleCode, string> RuleCode = new(
        r => r.ToCode(),
        s => RuleCodes.Parse(s));

    public static readonly ValueConverter<List<RuleCode>, string[]> RuleCodeList = new(
        rules => rules.Select(r => RuleCodes.ToCode(r)).ToArray(),
        codes => codes.Select(c => RuleCodes.Parse(c)).ToList());

    public static readonly ValueComparer<List<RuleCode>> RuleCodeListComparer = new(
        (x, y) => (x == null && y == null) || (x != null && y != null && x.SequenceEqual(y)),
        rules => rules.Aggregate(0, (hash, rule) => HashCode.Combine(hash, rule)),
        rules => rules.ToList());

    public static readonly ValueConverter<Recommendation, string> Recommendation = new(
        r => r.ToCode(),
        s => Recommendations.Parse(s));

    public static readonly ValueConverter<FlagStatus, string> FlagStatus = new(
        f => f.ToCode(),
        s => FlagStatuses.Parse(s));
}
