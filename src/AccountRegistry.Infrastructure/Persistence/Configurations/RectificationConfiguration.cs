using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Domain.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class RectificationTaskConfiguration : IEntityTypeConfiguration<RectificationTask>
{
    public void Configure(EntityTypeBuilder<RectificationTask> builder)
    {
        builder.ToTable("rectification_tasks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.State).HasConversion(InspectionConverters.RectificationState).HasMaxLength(16);
        builder.Property(t => t.Problems).HasColumnType("text[]");
        builder.Property(t => t.Answer).HasMaxLength(RectificationTask.MaxTextLength);
        builder.Property(t => t.AnsweredBy).HasMaxLength(256);
        builder.Property(t => t.SendBackReason).HasMaxLength(RectificationTask.MaxTextLength);
        builder.Property(t => t.ReviewedBy).HasMaxLength(256);
        builder.Property(t => t.Version).HasColumnName("xmin").HasColumnType("xid").IsRowVersion();

        // One task per failing account of a round: publishing twice cannot double them.
        builder.HasIndex(t => new { t.RoundId, t.AccountId }).IsUnique();
        builder.HasIndex(t => new { t.State, t.DueOn });
        builder.HasIndex(t => t.UnitId);
        builder.HasOne<InspectionRound>().WithMany().HasForeignKey(t => t.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Unit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RectificationStepConfiguration : IEntityTypeConfiguration<RectificationStep>
{
    public void Configure(EntityTypeBuilder<RectificationStep> builder)
    {
        builder.ToTable("rectification_steps");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Action).HasConversion(InspectionConverters.RectificationAction).HasMaxLength(16);
        builder.Property(s => s.FromState).HasConversion(InspectionConverters.RectificationState).HasMaxLength(16);
        builder.Property(s => s.ToState).HasConversion(InspectionConverters.RectificationState).HasMaxLength(16);
        builder.Property(s => s.Actor).HasMaxLength(256).IsRequired();
        builder.Property(s => s.Note).HasMaxLength(RectificationTask.MaxTextLength);
        builder.HasIndex(s => new { s.TaskId, s.At });
        builder.HasOne<RectificationTask>().WithMany().HasForeignKey(s => s.TaskId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RectificationEvidenceConfiguration : IEntityTypeConfiguration<RectificationEvidence>
{
    public void Configure(EntityTypeBuilder<RectificationEvidence> builder)
    {
        builder.ToTable("rectification_evidence");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.FileName).HasMaxLength(200).IsRequired();
        builder.Property(e => e.ContentType).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Sha256).HasMaxLength(64).IsRequired();
        builder.Property(e => e.UploadedBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(e => e.TaskId);
        builder.HasOne<RectificationTask>().WithMany().HasForeignKey(e => e.TaskId).OnDelete(DeleteBehavior.Cascade);
    }
}
