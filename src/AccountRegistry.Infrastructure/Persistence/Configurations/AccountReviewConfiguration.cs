using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class AccountReviewConfiguration : IEntityTypeConfiguration<AccountReview>
{
    public void Configure(EntityTypeBuilder<AccountReview> builder)
    {
        builder.ToTable("account_reviews");

        // The account id is the key: two first decisions on one account collide on it instead of both landing.
        builder.HasKey(r => r.AccountId);
        builder.Property(r => r.AccountId).ValueGeneratedNever();
        builder.Property(r => r.StandingKind).HasConversion(ReviewConverters.DecisionKind).HasMaxLength(16);
        builder.Property(r => r.Version).HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        builder.Ignore(r => r.ClosureUnderway);
        builder.HasOne<Account>().WithOne().HasForeignKey<AccountReview>(r => r.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ReviewDecision>().WithMany().HasForeignKey(r => r.LatestDecisionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ReviewDecision>().WithMany().HasForeignKey(r => r.StandingDecisionId).OnDelete(DeleteBehavior.Restrict);
    }
}
