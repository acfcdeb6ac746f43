using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class FlagConfiguration : IEntityTypeConfiguration<Flag>
{
    public void Configure(EntityTypeBuilder<Flag> builder)
    {
        // Written to the table, read through the view flags_current: a flag that keeps firing is not rewritten each
        // night; the view takes its last seen run and its latest evidence from the latest flag-moving evaluation
        // (migration FlagsSeenFromTheRuns). The evaluation writes a flag only when it opens, reopens, starts or stops
        // firing; room on the page keeps those writes HOT. The view lists its columns: a column added to flags needs a
        // migration that recreates flags_current with it (EF Core reads every mapped column from the view).
        builder.ToTable("flags");
        builder.ToView(FlagsCurrentView);
        builder.HasStorageParameter("fillfactor", 70);

        // True while the rule fires in the latest flag-moving evaluation: then last seen, evidence and measure are that
        // run's, and the stored columns hold what they were when the flag started firing. Only the evaluation sets it.
        builder.Property<bool>(FiringProperty).HasColumnName("firing").HasDefaultValue(false);
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Rule).HasConversion(RuleConverters.RuleCode).HasMaxLength(32);
        builder.Property(f => f.Status).HasConversion(RuleConverters.FlagStatus).HasMaxLength(16);

        // One flag per account and rule: the evaluation upserts on this key.
        builder.HasIndex(f => new { f.AccountId, f.Rule }).IsUnique();
        builder.HasIndex(f => new { f.Status, f.Rule });
        builder.Property(f => f.DismissedBy).HasMaxLength(256);
        builder.Property(f => f.DismissedReason).HasMaxLength(Flag.MaxReasonLength);
        builder.Property(f => f.Evidence).HasColumnType("jsonb").IsRequired();
        builder.Property(f => f.Measure).HasPrecision(18, 4);
        builder.Property(f => f.DismissedMeasure).HasPrecision(18, 4);
        builder.Property(f => f.Version).HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        builder.HasOne<Account>().WithMany().HasForeignKey(f => f.AccountId).OnDelete(DeleteBehavior.Cascade);

        // No foreign key (and so no index) on last_seen_evaluation_id: it is written on every transition, and an index
        // on it would rule out HOT updates.
    }

    private const string FlagsCurrentView = "flags_current";

    private const string FiringProperty = "Firing";
}
