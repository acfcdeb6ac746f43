using AccountRegistry.Domain.Posts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

/// <summary>
/// post_fingerprints. The LSH lookup needs one B-tree per band over <c>signature[j]</c>; EF Core cannot model
/// expression indexes, so the Initial migration creates them (and the triggers that queue new and changed posts)
/// in SQL. <see cref="PostFingerprintSql"/> describes them.
/// </summary>
internal sealed class PostFingerprintConfiguration : IEntityTypeConfiguration<PostFingerprint>
{
    public void Configure(EntityTypeBuilder<PostFingerprint> builder)
    {
        builder.ToTable("post_fingerprints");
        builder.HasKey(f => f.PostId);
        builder.Property(f => f.PostId).ValueGeneratedNever();
        builder.Property(f => f.Signature).HasColumnType("bigint[]");
        builder.Property(f => f.Sketch).HasColumnType("bit(1280)");
        builder.HasOne<Post>().WithOne().HasForeignKey<PostFingerprint>(f => f.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}
