using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class RuleSettingsConfiguration : IEntityTypeConfiguration<RuleSettings>
{
    public void Configure(EntityTypeBuilder<RuleSettings> builder)
    {
        builder.ToTable("rule_settings");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.UnitId).IsUnique();
        builder.Property(s => s.DuplicateContentShare).HasPrecision(5, 4);
        builder.Property(s => s.RepostHeavyOriginalShare).HasPrecision(5, 4);
        builder.Property(s => s.UpdatedBy).HasMaxLength(256).IsRequired();
        builder.Property(s => s.Version).HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        builder.HasOne<Unit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Cascade);
    }
}
