using Microsoft.EntityFrameworkCore.Design;

namespace AccountRegistry.Infrastructure.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the web app.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<RegistryDbContext>
{
    public RegistryDbContext CreateDbContext(string[] args) =>
        RegistryDbContextOptions.Create(
            Environment.GetEnvironmentVariable("ConnectionStrings__Registry")
            ?? "Host=127.0.0.1;Database=registry_design;Username=postgres");
}
