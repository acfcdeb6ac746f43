using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class ClosureRequestConfiguration : IEntityTypeConfiguration<ClosureRequest>
{
    public void Configure(EntityTypeBuilder<ClosureRequest> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Kind).HasConversion(ClosureConverters.Kind).HasMaxLength(16);
        builder.Property(r => r.State).HasConversion(ClosureConverters.State).HasMaxLength(16);
        builder.Property(r => r.Origin).HasConversion(ClosureConverters.Origin).HasMaxLength(16);
        builder.PrimitiveCollection(r => r.Reasons)
            .HasField("reasons")
            .UsePropertyAccessMode(PropertyAccessMode.Field)
            .ElementType(element => element.HasConversion(ClosureConverters.Reason));
        builder.Property(r => r.ReasonText).HasMaxLength(ClosureRequest.MaxTextLength);
        builder.Property(r => r.ServiceTakeover).HasMaxLength(ClosureRequest.MaxTextLength);
        builder.Property(r => r.ProposedPlatform).HasConversion(Converters.Platform).HasMaxLength(16);
        builder.Property(r => r.ProposedName).HasMaxLength(ClosureRequest.MaxNameLength);
        builder.Property(r => r.NoticeText).HasMaxLength(ClosureRequest.MaxNoticeLength);
        builder.Property(r => r.NoticeUrl).HasMaxLength(ClosureRequest.MaxUrlLength);
        builder.Property(r => r.DecidedBy).HasMaxLength(256);
        builder.Property(r => r.DecisionNote).HasMaxLength(ClosureRequest.MaxTextLength);
        builder.Property(r => r.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Property(r => r.Version).HasColumnName("xmin").HasColumnType("xid").IsRowVersion();

        builder.HasOne(r => r.Unit).WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Account).WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.MergeTarget).WithMany().HasForeignKey(r => r.MergeTargetAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.OpenedAccount).WithMany().HasForeignKey(r => r.OpenedAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.ConflictingAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Steps).WithOne().HasForeignKey(s => s.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Steps).UsePropertyAccessMode(PropertyAccessMode.Field);

        // One open request per account: a second clerk (or a review decision) finds the first instead of starting over.
        builder.HasIndex(r => r.AccountId)
            .IsUnique()
            .HasFilter("account_id IS NOT NULL AND state NOT IN ('completed', 'withdrawn')")
            .HasDatabaseName("ux_closure_requests_open_per_account");
        builder.HasIndex(r => new { r.State, r.DueOn });
        builder.HasIndex(r => r.UnitId);
    }
}
