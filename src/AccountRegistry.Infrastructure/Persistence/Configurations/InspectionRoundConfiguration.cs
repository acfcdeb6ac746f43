using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Domain.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class InspectionRoundConfiguration : IEntityTypeConfiguration<InspectionRound>
{
    public void Configure(EntityTypeBuilder<InspectionRound> builder)
    {
        builder.ToTable("inspection_rounds");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Title).HasMaxLength(InspectionRound.MaxTitleLength).IsRequired();
        builder.Property(r => r.Scope).HasConversion(InspectionConverters.RoundScope).HasMaxLength(16);
        builder.Property(r => r.Sampling).HasConversion(InspectionConverters.RoundSampling).HasMaxLength(16);
        builder.Property(r => r.State).HasConversion(InspectionConverters.RoundState).HasMaxLength(16);
        builder.Property(r => r.ReportTemplate).HasColumnType("jsonb");
        builder.Property(r => r.UnitIds).HasColumnType("integer[]");
        builder.Property(r => r.SampleShare).HasPrecision(5, 4);
        builder.Property(r => r.OpenedBy).HasMaxLength(256).IsRequired();
        builder.Property(r => r.PublishedBy).HasMaxLength(256);
        builder.HasOne<Inspection>().WithMany().HasForeignKey(r => r.InspectionId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Version).HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        builder.HasIndex(r => r.OpenedAt);
    }
}

internal sealed class InspectionRoundAccountConfiguration : IEntityTypeConfiguration<InspectionRoundAccount>
{
    public void Configure(EntityTypeBuilder<InspectionRoundAccount> builder)
    {
        builder.ToTable("inspection_round_accounts");
        builder.HasKey(a => new { a.RoundId, a.AccountId });
        builder.Property(a => a.Platform).HasMaxLength(16).IsRequired();
        builder.HasOne<InspectionRound>().WithMany().HasForeignKey(a => a.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(a => a.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Unit>().WithMany().HasForeignKey(a => a.TownshipUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InspectionRoundFindingConfiguration : IEntityTypeConfiguration<InspectionRoundFinding>
{
    public void Configure(EntityTypeBuilder<InspectionRoundFinding> builder)
    {
        builder.ToTable("inspection_round_findings");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Kind).HasConversion(InspectionConverters.FindingKind).HasMaxLength(16);
        builder.Property(f => f.Item).HasConversion(InspectionConverters.FindingItem).HasMaxLength(32);
        builder.Property(f => f.Note).HasMaxLength(2000).IsRequired();
        builder.Property(f => f.FileName).HasMaxLength(200).IsRequired();
        builder.Property(f => f.ContentType).HasMaxLength(64).IsRequired();
        builder.Property(f => f.RecordedBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(f => new { f.RoundId, f.AccountId });
        builder.HasOne<InspectionRound>().WithMany().HasForeignKey(f => f.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(f => f.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
