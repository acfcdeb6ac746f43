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
        services.AddScoped<Imports.ImportEngine>();
        services.AddScoped<Imports.ImportFiles.Handler>();
        services.AddScoped<Imports.ImportBatch.Handler>();
        services.AddScoped<Collectors.CreateApiKey.Handler>();
        services.AddScoped<Collectors.RevokeApiKey.Handler>();
        services.AddScoped<Collectors.ListApiKeys.Handler>();
        services.AddScoped<Collectors.AuthenticateCollector.Handler>();
        services.AddScoped<Rules.RunEvaluation.Handler>();
        services.AddScoped<Rules.EvaluationOutput.Handler>();
        return services;
    }
}
