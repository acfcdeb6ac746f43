using AccountRegistry.Domain.Inspections;
using AccountRegistry.Domain.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> builder)
    {
        builder.ToTable("inspections");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Settings).HasColumnType("jsonb").IsRequired();
        builder.Property(e => e.CountySettings).HasColumnType("jsonb");
        builder.Property(e => e.TriggeredBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(e => e.StartedAt);
    }
}

internal sealed class InspectionResultConfiguration : IEntityTypeConfiguration<InspectionResult>
{
    public void Configure(EntityTypeBuilder<InspectionResult> builder)
    {
        builder.ToTable("inspection_results");
        builder.HasKey(r => new { r.InspectionId, r.AccountId });
        builder.Property(r => r.Result).HasMaxLength(16).IsRequired();
        builder.Property(r => r.Vetoes).HasColumnType("text[]");
        builder.Property(r => r.Deductions).HasColumnType("jsonb").IsRequired();
        builder.Property(r => r.Evidence).HasColumnType("jsonb").IsRequired();
        builder.HasIndex(r => new { r.AccountId, r.InspectionId });
        builder.HasOne<Inspection>().WithMany().HasForeignKey(r => r.InspectionId).OnDelete(DeleteBehavior.Cascade);

        // No foreign key to accounts, as with evaluation_results: written by COPY in bulk, history of accounts that
        // are closed, not deleted.
    }
}

internal sealed class InspectionWarningConfiguration : IEntityTypeConfiguration<InspectionWarning>
{
    public void Configure(EntityTypeBuilder<InspectionWarning> builder)
    {
        builder.ToTable("inspection_warnings");
        builder.HasKey(w => new { w.InspectionId, w.AccountId, w.Code });
        builder.Property(w => w.Code).HasMaxLength(32);
        builder.Property(w => w.Evidence).HasColumnType("jsonb").IsRequired();
        builder.HasIndex(w => new { w.AccountId, w.InspectionId });
        builder.HasOne<Inspection>().WithMany().HasForeignKey(w => w.InspectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CountyInspectionSettingsConfiguration : IEntityTypeConfiguration<CountyInspectionSettings>
{
    public void Configure(EntityTypeBuilder<CountyInspectionSettings> builder)
    {
        builder.ToTable("inspection_settings");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.UnitId).IsUnique();
        builder.Property(s => s.UpdatedBy).HasMaxLength(256).IsRequired();
        builder.Property(s => s.Version).HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        builder.HasOne<Unit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Cascade);
    }
}
