using AccountRegistry.Domain.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class ContentTermConfiguration : IEntityTypeConfiguration<ContentTerm>
{
    public void Configure(EntityTypeBuilder<ContentTerm> builder)
    {
        builder.ToTable("content_terms");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Kind).HasConversion(ContentConverters.Kind).HasMaxLength(32);
        builder.Property(t => t.Term).HasMaxLength(ContentTermRules.MaxLength).IsRequired();
        builder.Property(t => t.WrongForms).HasColumnType("text[]");
        builder.Property(t => t.Note).HasMaxLength(1000);
        builder.Property(t => t.UpdatedBy).HasMaxLength(256).IsRequired();
        builder.Property(t => t.Version).HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        builder.HasIndex(t => new { t.Kind, t.Term }).IsUnique();
    }
}
