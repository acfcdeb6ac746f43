using AccountRegistry.Domain.Collectors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class CollectorApiKeyConfiguration : IEntityTypeConfiguration<CollectorApiKey>
{
    public void Configure(EntityTypeBuilder<CollectorApiKey> builder)
    {
        builder.ToTable("collector_api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Name).HasMaxLength(200).IsRequired();
        builder.Property(k => k.Prefix).HasMaxLength(CollectorApiKey.PrefixLength).IsRequired();

        // Every API request looks its key up by hash.
        builder.Property(k => k.KeyHash).HasMaxLength(32).IsRequired();
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.Property(k => k.CreatedBy).HasMaxLength(256);
        builder.Property(k => k.RevokedBy).HasMaxLength(256);
        builder.Ignore(k => k.IsRevoked);

        // Keys issued before purposes existed were all collectors' keys.
        builder.Property(k => k.Purpose)
            .HasConversion(p => p.ToCode(), code => ApiKeyPurposes.Parse(code))
            .HasMaxLength(16)
            .HasDefaultValue(ApiKeyPurpose.Collect)
            .HasSentinel((ApiKeyPurpose)(-1));
    }
}
