using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class ReviewDecisionConfiguration : IEntityTypeConfiguration<ReviewDecision>
{
    public void Configure(EntityTypeBuilder<ReviewDecision> builder)
    {
        builder.ToTable("review_decisions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Kind).HasConversion(ReviewConverters.DecisionKind).HasMaxLength(16);
        builder.Property(d => d.RetainReason).HasConversion(ReviewConverters.RetainReason).HasMaxLength(32);
        builder.Property(d => d.Reason).HasMaxLength(ReviewDecision.MaxReasonLength);
        builder.Property(d => d.DismissedRule).HasConversion(RuleConverters.RuleCode).HasMaxLength(32);
        builder.Property(d => d.Rules)
            .HasConversion(RuleConverters.RuleCodeList, RuleConverters.RuleCodeListComparer)
            .HasColumnType("text[]");
        builder.Property(d => d.Recommended).HasConversion(RuleConverters.Recommendation).HasMaxLength(8);
        builder.Property(d => d.DecidedBy).HasMaxLength(256).IsRequired();

        // An account's history, newest first; the export's "decided by and on".
        builder.HasIndex(d => new { d.AccountId, d.DecidedAt });
        builder.HasIndex(d => d.BatchId);

        // History outlives nothing it points at: accounts and units are never deleted while decisions name them.
        builder.HasOne<Account>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Account>().WithMany().HasForeignKey(d => d.MergeTargetAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Unit>().WithMany().HasForeignKey(d => d.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Flag>().WithMany().HasForeignKey(d => d.FlagId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Evaluation>().WithMany().HasForeignKey(d => d.EvaluationId).OnDelete(DeleteBehavior.Restrict);
    }
}
