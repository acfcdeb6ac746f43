using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class EvaluationResultConfiguration : IEntityTypeConfiguration<EvaluationResult>
{
    public void Configure(EntityTypeBuilder<EvaluationResult> builder)
    {
        builder.ToTable("evaluation_results");
        builder.HasKey(r => new { r.EvaluationId, r.AccountId });
        builder.Property(r => r.Recommendation).HasConversion(RuleConverters.Recommendation).HasMaxLength(8);

        // text[] of the spec's codes: the run comparison unnests it in SQL.
        builder.PrimitiveCollection(r => r.Rules).ElementType(e => e.HasConversion(RuleConverters.RuleCode)).HasColumnType("text[]");
        builder.Property(r => r.Evidence).HasColumnType("jsonb").IsRequired();

        // An account's history of verdicts, newest run first.
        builder.HasIndex(r => new { r.AccountId, r.EvaluationId });
        builder.HasOne<Evaluation>().WithMany().HasForeignKey(r => r.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.MergeTargetAccountId).OnDelete(DeleteBehavior.SetNull);
    }
}
