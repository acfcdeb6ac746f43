using AccountRegistry.Domain.Posts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class NearDuplicateConfiguration : IEntityTypeConfiguration<NearDuplicate>
{
    public void Configure(EntityTypeBuilder<NearDuplicate> builder)
    {
        builder.ToTable("near_duplicates");
        builder.HasKey(d => new { d.PostId, d.SourcePostId });
        builder.HasIndex(d => d.SourcePostId);
        builder.HasOne<Post>().WithMany().HasForeignKey(d => d.PostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Post>().WithMany().HasForeignKey(d => d.SourcePostId).OnDelete(DeleteBehavior.Cascade);
    }
}
