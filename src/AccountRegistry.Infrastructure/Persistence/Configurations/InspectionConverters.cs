using AccountRegistry.Domain.Inspections;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

/// <summary>The inspection rounds' and rectifications' enums are stored as their codes (<see cref="RoundStates"/> and the rest).</summary>
internal static class InspectionConverters
{
    public static readonly ValueConverter<RoundState, string> RoundState = new(s => s.ToCode(), s => RoundStates.Parse(s));

    public static readonly ValueConverter<RoundScope, string> RoundScope = new(s => s.ToCode(), s => RoundScopes.Parse(s));

    public static readonly ValueConverter<RoundSampling, string> RoundSampling = new(s => s.ToCode(), s => RoundSamplings.Parse(s));

    public static readonly ValueConverter<ManualFindingKind, string> FindingKind = new(k => k.ToCode(), s => ManualFindingKinds.Parse(s));

    public static readonly ValueConverter<ManualFindingItem, string> FindingItem = new(i => i.ToCode(), s => ManualFindingItems.Parse(s));

    public static readonly ValueConverter<RectificationState, string> RectificationState = new(s => s.ToCode(), s => RectificationStates.Parse(s));

    public static readonly ValueConverter<RectificationAction, string> RectificationAction = new(a => a.ToCode(), s => RectificationActions.Parse(s));
}
