using AccountRegistry.Domain.Closures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class ClosureAttachmentConfiguration : IEntityTypeConfiguration<ClosureAttachment>
{
    public void Configure(EntityTypeBuilder<ClosureAttachment> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Purpose).HasConversion(ClosureConverters.Purpose).HasMaxLength(16);
        builder.Property(a => a.FileName).HasMaxLength(200).IsRequired();
        builder.Property(a => a.ContentType).HasMaxLength(64).IsRequired();
        builder.Property(a => a.Sha256).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.Property(a => a.UploadedBy).HasMaxLength(256).IsRequired();
        builder.Property(a => a.Content).HasColumnType("bytea").IsRequired();
        builder.HasOne<ClosureRequest>().WithMany().HasForeignKey(a => a.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.RequestId, a.Purpose });
    }
}
