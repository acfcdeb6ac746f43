using AccountRegistry.Domain.Closures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class ClosureStepConfiguration : IEntityTypeConfiguration<ClosureStep>
{
    public void Configure(EntityTypeBuilder<ClosureStep> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Action).HasConversion(ClosureConverters.Action).HasMaxLength(32);
        builder.Property(s => s.FromState).HasConversion(ClosureConverters.State).HasMaxLength(16);
        builder.Property(s => s.ToState).HasConversion(ClosureConverters.State).HasMaxLength(16);
        builder.Property(s => s.Actor).HasMaxLength(256).IsRequired();
        builder.Property(s => s.Note).HasMaxLength(ClosureRequest.MaxTextLength);
        builder.HasIndex(s => new { s.RequestId, s.At });
    }
}
