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

        // text[] of the spec's codes: the run comparison unnests it in SQL. Converted as a whole array, because
        // Npgsql reads an element-converted enum array by enum name (LowReads), not by our code (LOW_READS).
        builder.Property(r => r.Rules)
            .HasConversion(RuleConverters.RuleCodeList, RuleConverters.RuleCodeListComparer)
            .HasColumnType("text[]");
        builder.Property(r => r.Evidence).HasColumnType("jsonb").IsRequired();

        // An account's history of verdicts, newest run first.
        builder.HasIndex(r => new { r.AccountId, r.EvaluationId });

        // No foreign keys, neither to accounts nor to the run: a run writes tens of thousands of rows taken from
        // accounts, under its own run's row, in one transaction, and PostgreSQL checks a foreign key row by row
        // (the run's alone cost about 150 ms of a one-second night on 20,000 accounts, docs/benchmarks.md). Accounts
        // are closed or merged, not deleted; a run's rows are history. What the run's key did besides, deleting its
        // results with it, the trigger evaluations_delete_results does (migration EvaluationResultsWithoutRunKey).
    }
}
