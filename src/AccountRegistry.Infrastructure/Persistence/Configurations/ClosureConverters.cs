using AccountRegistry.Domain.Closures;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

/// <summary>The closure workflow's enums as lower-case codes, like the spec's enums, so SQL and the audit history read alike.</summary>
internal static class ClosureConverters
{
    public static readonly ValueConverter<ClosureKind, string> Kind = new(k => k.ToCode(), s => ClosureKinds.Parse(s));

    public static readonly ValueConverter<ClosureState, string> State = new(s => s.ToCode(), s => ClosureStates.Parse(s));

    public static readonly ValueConverter<ClosureOrigin, string> Origin = new(o => o.ToCode(), s => ClosureOrigins.Parse(s));

    public static readonly ValueConverter<ClosureReason, string> Reason = new(r => r.ToCode(), s => ClosureReasons.Parse(s));

    public static readonly ValueConverter<ClosureAction, string> Action = new(a => a.ToCode(), s => ClosureActions.Parse(s));

    public static readonly ValueConverter<AttachmentPurpose, string> Purpose = new(p => p.ToCode(), s => AttachmentPurposes.Parse(s));
}
