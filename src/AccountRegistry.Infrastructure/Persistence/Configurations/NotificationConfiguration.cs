using AccountRegistry.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Recipient).HasMaxLength(256).IsRequired();
        builder.Property(n => n.Kind).HasMaxLength(64).IsRequired();
        builder.Property(n => n.Subject).HasMaxLength(200);
        builder.Property(n => n.Actor).HasMaxLength(256);
        builder.Property(n => n.Note).HasMaxLength(1000);
        builder.Property(n => n.Link).HasMaxLength(300);
        builder.Property(n => n.DedupKey).HasMaxLength(200);

        // The bell asks "my unread, newest first" on every page.
        builder.HasIndex(n => new { n.Recipient, n.ReadAt, n.CreatedAt });
        builder.HasIndex(n => new { n.Recipient, n.DedupKey }).IsUnique().HasFilter("dedup_key IS NOT NULL");
    }
}
