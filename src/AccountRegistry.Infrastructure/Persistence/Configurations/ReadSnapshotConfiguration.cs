using AccountRegistry.Domain.Posts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class ReadSnapshotConfiguration : IEntityTypeConfiguration<ReadSnapshot>
{
    public void Configure(EntityTypeBuilder<ReadSnapshot> builder)
    {
        // The key is the spec's: post + captured_at. Its index also answers "latest snapshot at or before day T".
        builder.HasKey(r => new { r.PostId, r.CapturedAt });
        builder.HasOne<Post>().WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}
