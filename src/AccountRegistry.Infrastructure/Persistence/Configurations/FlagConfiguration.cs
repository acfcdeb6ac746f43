using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class FlagConfiguration : IEntityTypeConfiguration<Flag>
{
    public void Configure(EntityTypeBuilder<Flag> builder)
    {
        // Every flag that keeps firing is rewritten each night (last seen, evidence); room on the page lets PostgreSQL
        // do that as a HOT update, without touching the indexes.
        builder.ToTable("flags");
        builder.HasStorageParameter("fillfactor", 70);
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

        // No foreign key (and so no index) on last_seen_evaluation_id: it changes every night, and an index on it would
        // rule out HOT updates for every flag.
    }
}
