using AccountRegistry.Domain.Content;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

/// <summary>The content checks' enums are stored as their codes, so SQL, exports and the queue agree.</summary>
internal static class ContentConverters
{
    public static readonly ValueConverter<ContentCheck, string> Check = new(c => c.ToCode(), s => ContentChecks.Parse(s));

    public static readonly ValueConverter<ContentField, string> Field = new(f => f.ToCode(), s => ContentFields.Parse(s));

    public static readonly ValueConverter<ContentFindingStatus, string> Status = new(s => s.ToCode(), s => ContentFindingStatuses.Parse(s));

    public static readonly ValueConverter<ContentTermKind, string> Kind = new(k => k.ToCode(), s => ContentTermKinds.Parse(s));
}
