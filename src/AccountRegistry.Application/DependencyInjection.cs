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
        services.AddClosures();
        return services;
    }

    /// <summary>The closure workflow (issue 7): handlers, deadlines from configuration, notifications and overdue reminders.</summary>
    private static void AddClosures(this IServiceCollection services)
    {
        services.AddOptions<Closures.ClosureOptions>().BindConfiguration(Closures.ClosureOptions.Section);
        services.AddSingleton(provider => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Closures.ClosureOptions>>().Value.ToDeadlines());
        services.AddScoped<Notifications.Notifier>();
        services.AddScoped<Notifications.NotificationInbox.Handler>();
        services.AddScoped<Closures.ClosureWorkflow>();
        services.AddScoped<Closures.ClosureForm.Handler>();
        services.AddScoped<Closures.ClosureRequestList.Handler>();
        services.AddScoped<Closures.ClosureRequestDetail.Handler>();
        services.AddScoped<Closures.FileClosureRequest.Handler>();
        services.AddScoped<Closures.FileOpeningRequest.Handler>();
        services.AddScoped<Closures.ReviseClosureRequest.Handler>();
        services.AddScoped<Closures.SubmitClosureRequest.Handler>();
        services.AddScoped<Closures.DecideClosureRequest.Handler>();
        services.AddScoped<Closures.EditClosingNotice.Handler>();
        services.AddScoped<Closures.PostClosingNotice.Handler>();
        services.AddScoped<Closures.RecordDeregistration.Handler>();
        services.AddScoped<Closures.CompleteClosureRequest.Handler>();
        services.AddScoped<Closures.RecordAccountOpening.Handler>();
        services.AddScoped<Closures.WithdrawClosureRequest.Handler>();
        services.AddScoped<Closures.ClosureAttachments.Handler>();
        services.AddScoped<Closures.OverdueReminders.Handler>();
        services.AddHostedService<Closures.OverdueReminders.Service>();
    }
}
