using AccountRegistry.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Platform).HasConversion(Converters.Platform).HasMaxLength(16);
        builder.Property(a => a.PlatformAccountId).HasMaxLength(128).IsRequired();
        builder.HasIndex(a => new { a.Platform, a.PlatformAccountId }).IsUnique();
        builder.Property(a => a.Name).HasMaxLength(200).IsRequired().UseCollation(Collations.Pinyin);
        builder.Property(a => a.Operator).HasMaxLength(100);
        builder.Property(a => a.FilingNo).HasMaxLength(64);
        builder.Property(a => a.Status).HasConversion(Converters.AccountStatus).HasMaxLength(16);
        builder.HasIndex(a => new { a.UnitId, a.Platform });
        builder.HasIndex(a => a.Status);
        builder.HasOne(a => a.Unit).WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.MergedInto).WithMany().HasForeignKey(a => a.MergedIntoAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.Version).HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        builder.Ignore(a => a.IsLive);
    }
}
