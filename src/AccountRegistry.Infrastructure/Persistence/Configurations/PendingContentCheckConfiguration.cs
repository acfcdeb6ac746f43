using AccountRegistry.Domain.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

/// <summary>
/// content_check_queue, filled by triggers (the Initial migration). No foreign key to posts, for the
/// reason given on post_fingerprint_queue: the inspector drops entries of posts that no longer exist.
/// </summary>
internal sealed class PendingContentCheckConfiguration : IEntityTypeConfiguration<PendingContentCheck>
{
    public void Configure(EntityTypeBuilder<PendingContentCheck> builder)
    {
        builder.ToTable("content_check_queue");
        builder.HasKey(q => q.PostId);
        builder.Property(q => q.PostId).ValueGeneratedNever();
    }
}
