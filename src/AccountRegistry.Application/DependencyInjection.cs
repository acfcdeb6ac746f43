using Microsoft.Extensions.DependencyInjection;

namespace AccountRegistry.Application;

public static class DependencyInjection
{
    /// <summary>Registers the use-case handlers. Each feature folder adds its own lines here.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddScoped<Accounts.AccountRegister.Handler>();
        services.AddScoped<Accounts.AccountDetail.Handler>();
        services.AddScoped<Stats.StoredCounts.Handler>();
        services.AddScoped<Units.UnitLookup.Handler>();
        services.AddScoped<Demo.DemoCounty.Seeder>();
        services.AddScoped<Dashboard.DashboardFigures.Handler>();
        services.AddOptions<Dashboard.DashboardOptions>().BindConfiguration(Dashboard.DashboardOptions.Section);
        services.AddScoped<Duplicates.NearDuplicateDetector>();
        services.AddScoped<Imports.IPostImportListener>(provider => provider.GetRequiredService<Duplicates.NearDuplicateDetector>());
        services.AddScoped<Duplicates.FingerprintBackfill.Handler>();
        services.AddScoped<Duplicates.AlsoPublishedAs.Handler>();
        services.AddScoped<Duplicates.AccountDuplicateShare.Handler>();
        services.AddScoped<Duplicates.DuplicateGroups.Handler>();
        return services;
    }
}
