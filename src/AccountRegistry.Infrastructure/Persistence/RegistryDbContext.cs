using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Audit;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Collectors;
using AccountRegistry.Domain.Content;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Domain.Interactions;
using AccountRegistry.Domain.Notifications;
using AccountRegistry.Domain.Posts;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Infrastructure.Persistence;

public class RegistryDbContext(DbContextOptions<RegistryDbContext> options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<AccountStatusChange> AccountStatusChanges => Set<AccountStatusChange>();

    public DbSet<Post> Posts => Set<Post>();

    public DbSet<ReadSnapshot> ReadSnapshots => Set<ReadSnapshot>();

    public DbSet<NearDuplicate> NearDuplicates => Set<NearDuplicate>();

    public DbSet<PostFingerprint> PostFingerprints => Set<PostFingerprint>();

    public DbSet<PendingFingerprint> PendingFingerprints => Set<PendingFingerprint>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<CollectorApiKey> CollectorApiKeys => Set<CollectorApiKey>();

    public DbSet<Evaluation> Evaluations => Set<Evaluation>();

    public DbSet<EvaluationResult> EvaluationResults => Set<EvaluationResult>();

    public DbSet<Flag> Flags => Set<Flag>();

    public DbSet<RuleSettings> RuleSettings => Set<RuleSettings>();

    public DbSet<ReviewDecision> ReviewDecisions => Set<ReviewDecision>();

    public DbSet<AccountReview> AccountReviews => Set<AccountReview>();

    public DbSet<SavedReviewFilter> SavedReviewFilters => Set<SavedReviewFilter>();

    public DbSet<AccountDay> AccountDays => Set<AccountDay>();

    public DbSet<PendingAccountDay> PendingAccountDays => Set<PendingAccountDay>();

    public DbSet<AccountLastPostDay> AccountLastPostDays => Set<AccountLastPostDay>();

    public DbSet<ClosureRequest> ClosureRequests => Set<ClosureRequest>();

    public DbSet<ClosureStep> ClosureSteps => Set<ClosureStep>();

    public DbSet<ClosureAttachment> ClosureAttachments => Set<ClosureAttachment>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<ContentFinding> ContentFindings => Set<ContentFinding>();

    public DbSet<ContentTerm> ContentTerms => Set<ContentTerm>();

    public DbSet<PendingContentCheck> PendingContentChecks => Set<PendingContentCheck>();

    public DbSet<Interaction> Interactions => Set<Interaction>();

    public DbSet<Inspection> Inspections => Set<Inspection>();

    public DbSet<InspectionResult> InspectionResults => Set<InspectionResult>();

    public DbSet<InspectionWarning> InspectionWarnings => Set<InspectionWarning>();

    public DbSet<InspectionRound> InspectionRounds => Set<InspectionRound>();

    public DbSet<InspectionRoundAccount> InspectionRoundAccounts => Set<InspectionRoundAccount>();

    public DbSet<InspectionRoundFinding> InspectionRoundFindings => Set<InspectionRoundFinding>();

    public DbSet<RectificationTask> RectificationTasks => Set<RectificationTask>();

    public DbSet<RectificationStep> RectificationSteps => Set<RectificationStep>();

    public DbSet<RectificationEvidence> RectificationEvidence => Set<RectificationEvidence>();

    public DbSet<CountyInspectionSettings> InspectionSettings => Set<CountyInspectionSettings>();

    public DbSet<CountyReportTemplate> ReportTemplates => Set<CountyReportTemplate>();

    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // timestamptz stores instants; Npgsql only writes UTC offsets, and the spec's files carry +08:00.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(RegistryDbContext).Assembly);
        SnakeCase.Apply(builder);
    }
}

internal sealed class UtcDateTimeOffsetConverter()
    : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
