using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Content;
using AccountRegistry.Domain.Posts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class ContentFindingConfiguration : IEntityTypeConfiguration<ContentFinding>
{
    public void Configure(EntityTypeBuilder<ContentFinding> builder)
    {
        builder.ToTable("content_findings");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Check).HasColumnName("check_code").HasConversion(ContentConverters.Check).HasMaxLength(32);
        builder.Property(f => f.Field).HasConversion(ContentConverters.Field).HasMaxLength(16);
        builder.Property(f => f.Status).HasConversion(ContentConverters.Status).HasMaxLength(16);
        builder.Property(f => f.Detail).HasMaxLength(256);
        builder.Property(f => f.MatchedText).HasMaxLength(2048);
        builder.Property(f => f.DecidedBy).HasMaxLength(256);
        builder.Property(f => f.DecisionNote).HasMaxLength(1000);
        builder.Property(f => f.Version).HasColumnName("xmin").HasColumnType("xid").IsRowVersion();

        // A re-check inserts what it finds on this key and keeps what is already there (decided findings included).
        builder.HasIndex(f => new { f.PostId, f.Check, f.Field, f.Position, f.MatchedText }).IsUnique();
        builder.HasIndex(f => new { f.AccountId, f.Status });
        builder.HasIndex(f => new { f.Status, f.Check });
        builder.HasOne<Post>().WithMany().HasForeignKey(f => f.PostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(f => f.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
