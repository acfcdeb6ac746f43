using AccountRegistry.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class SavedReviewFilterConfiguration : IEntityTypeConfiguration<SavedReviewFilter>
{
    public void Configure(EntityTypeBuilder<SavedReviewFilter> builder)
    {
        builder.ToTable("saved_review_filters");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.UserName).HasMaxLength(256);
        builder.Property(f => f.Name).HasMaxLength(SavedReviewFilter.MaxNameLength).UseCollation(Collations.Pinyin);
        builder.Property(f => f.Filter).HasColumnType("jsonb").IsRequired();

        // Saving under an existing name replaces that filter.
        builder.HasIndex(f => new { f.UserName, f.Name }).IsUnique();
    }
}
