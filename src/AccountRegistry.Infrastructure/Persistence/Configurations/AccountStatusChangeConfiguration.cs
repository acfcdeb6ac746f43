using AccountRegistry.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class AccountStatusChangeConfiguration : IEntityTypeConfiguration<AccountStatusChange>
{
    public void Configure(EntityTypeBuilder<AccountStatusChange> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Status).HasConversion(Converters.AccountStatus).HasMaxLength(16);
        builder.Property(c => c.RecordedBy).HasMaxLength(256);
        builder.Property(c => c.Reason).HasMaxLength(1000);
        builder.HasIndex(c => new { c.AccountId, c.EffectiveOn });
        builder.HasIndex(c => c.EffectiveOn);
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.MergedIntoAccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
