using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Posts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.PlatformPostId).HasMaxLength(128).IsRequired();
        builder.HasIndex(p => new { p.AccountId, p.PlatformPostId }).IsUnique();

        // The STALE rule and the account page read "latest post first": NOT EXISTS over this index, not a GROUP BY.
        builder.HasIndex(p => new { p.AccountId, p.PublishedAt }).IsDescending(false, true);
        builder.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
