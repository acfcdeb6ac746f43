using AccountRegistry.Domain.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class EvaluationConfiguration : IEntityTypeConfiguration<Evaluation>
{
    public void Configure(EntityTypeBuilder<Evaluation> builder)
    {
        builder.ToTable("evaluations");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Thresholds).HasColumnType("jsonb").IsRequired();
        builder.Property(e => e.CountyThresholds).HasColumnType("jsonb");
        builder.Property(e => e.TriggeredBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(e => e.StartedAt);
        builder.HasIndex(e => new { e.AsOf, e.TriggeredBy });
    }
}
