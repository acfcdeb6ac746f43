using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class AccountDayConfiguration : IEntityTypeConfiguration<AccountDay>
{
    public void Configure(EntityTypeBuilder<AccountDay> builder)
    {
        // The key's index is the one the evaluation reads: an account's days in W, and its latest day.
        builder.ToTable("account_days");
        builder.HasKey(d => new { d.AccountId, d.Day });
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
