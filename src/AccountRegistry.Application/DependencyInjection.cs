using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        services.AddScoped<Reviews.ReviewQueue.Handler>();
        services.AddScoped<Reviews.ReviewCase.Handler>();
        services.AddScoped<Reviews.DecideAccount.Handler>();
        services.AddScoped<Reviews.DismissFlag.Handler>();
        services.AddScoped<Reviews.BulkDecide.Handler>();
        services.AddScoped<Reviews.SavedFilters.Handler>();
        services.AddScoped<Reviews.FlagsExport.Handler>();
        services.AddScoped<Audit.AuditSearch.Handler>();

        // Until the closure workflow registers its own IClosureWorkflow (AddScoped wins over TryAdd), decisions are recorded without a request.
        services.TryAddScoped<Reviews.IClosureWorkflow, Reviews.ClosureWorkflowNotInstalled>();
        services.AddOptions<Dashboard.DashboardOptions>().BindConfiguration(Dashboard.DashboardOptions.Section);
        return services;
    }
}
