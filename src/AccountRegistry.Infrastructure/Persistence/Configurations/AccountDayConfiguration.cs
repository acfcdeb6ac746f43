using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class AccountDayConfiguration : IEntityTypeConfiguration<AccountDay>
{
    public void Configure(EntityTypeBuilder<AccountDay> builder)
    {
        // The evaluation reads W through the covering (day) index, every account's rows in one range, and an
        // account's latest day through the key. Built concurrently: the rollup keeps being written while it builds.
        builder.ToTable("account_days");
        builder.HasKey(d => new { d.AccountId, d.Day });
        builder.HasIndex(d => d.Day, "ix_account_days_window")
            .IncludeProperties(d => new { d.AccountId, d.Posts, d.Originals, d.Copies, d.PostsWithReads, d.Reads, d.ReadsCapturedUntil })
            .IsCreatedConcurrently();
        builder.HasOne<Account>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PendingAccountDayConfiguration : IEntityTypeConfiguration<PendingAccountDay>
{
    public void Configure(EntityTypeBuilder<PendingAccountDay> builder)
    {
        // No foreign key: triggers insert here while accounts are being deleted; a pending day of a deleted account
        // just recomputes to nothing.
        builder.ToTable("account_days_pending");
        builder.HasKey(d => new { d.AccountId, d.Day });
    }
}

internal sealed class AccountLastPostDayConfiguration : IEntityTypeConfiguration<AccountLastPostDay>
{
    public void Configure(EntityTypeBuilder<AccountLastPostDay> builder)
    {
        // Written with account_days by the refresh (RuleFacts), one row per account that has any day.
        builder.ToTable("account_last_days");
        builder.HasKey(d => d.AccountId);
        builder.Property(d => d.AccountId).ValueGeneratedNever();
        builder.HasOne<Account>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
