using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.TestSupport;

/// <summary>An IDbContextFactory over a test database, for handlers that take one.</summary>
public sealed class TestContextFactory(string connectionString) : IDbContextFactory<RegistryDbContext>
{
    public RegistryDbContext CreateDbContext() => RegistryDbContextOptions.Create(connectionString);
}
