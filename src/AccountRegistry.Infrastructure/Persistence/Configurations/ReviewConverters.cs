using AccountRegistry.Domain.Reviews;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

/// <summary>The review enums are stored as their lower-case codes, like the spec's, so SQL filters and exports read them as words.</summary>
internal static class ReviewConverters
{
    public static readonly ValueConverter<DecisionKind, string> DecisionKind = new(
        k => k.ToCode(),
        s => DecisionKinds.Parse(s));

    public static readonly ValueConverter<RetainReason, string> RetainReason = new(
        r => r.ToCode(),
        s => RetainReasons.Parse(s));
}
