using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Audit;
using AccountRegistry.Domain.Posts;
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

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

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
