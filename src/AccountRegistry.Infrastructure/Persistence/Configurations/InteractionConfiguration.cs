using AccountRegistry.Domain.Interactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> builder)
    {
        builder.ToTable("interactions");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.MessageId).HasMaxLength(128).IsRequired();
        builder.Property(i => i.Kind)
            .HasConversion(k => k.ToCode(), c => InteractionKinds.Parse(c))
            .HasMaxLength(16);

        // The spec's key; also the import's upsert target.
        builder.HasIndex(i => new { i.AccountId, i.MessageId }).IsUnique();

        // The indicators read one account's messages by time (P, and older unanswered ones).
        builder.HasIndex(i => new { i.AccountId, i.ReceivedAt });
        builder.HasOne(i => i.Account).WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
