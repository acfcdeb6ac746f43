using AccountRegistry.Domain.Posts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

/// <summary>
/// post_fingerprint_queue, filled by triggers (the Initial migration). No foreign key to posts on
/// purpose: the insert trigger queues every row of a bulk COPY, and a key check per row would cost the import more
/// than the detector saves; the detector drops queue entries of posts that no longer exist.
/// </summary>
internal sealed class PendingFingerprintConfiguration : IEntityTypeConfiguration<PendingFingerprint>
{
    public void Configure(EntityTypeBuilder<PendingFingerprint> builder)
    {
        builder.ToTable("post_fingerprint_queue");
        builder.HasKey(q => q.PostId);
        builder.Property(q => q.PostId).ValueGeneratedNever();
    }
}
