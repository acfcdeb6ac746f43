using AccountRegistry.Application.Rules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AccountRegistry.Application;

public static class DependencyInjection
{
    /// <summary>Registers the use-case handlers. Each feature folder adds its own lines here.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddScoped<Accounts.AccountRegister.Handler>();
        services.AddScoped<Accounts.AccountExport.Handler>();
        services.AddScoped<Accounts.AccountDetail.Handler>();
        services.AddScoped<Stats.StoredCounts.Handler>();
        services.AddScoped<Units.UnitLookup.Handler>();
        services.AddScoped<Demo.DemoCounty.Seeder>();
        services.AddScoped<Dashboard.DashboardFigures.Handler>();
        services.AddSingleton<Dashboard.DashboardSummaryCache>();
        services.AddScoped<Dashboard.DemoCampaign.Seeder>();
        services.AddScoped<Reviews.ReviewQueue.Handler>();
        services.AddScoped<Reviews.ReviewCase.Handler>();
        services.AddScoped<Reviews.DecideAccount.Handler>();
        services.AddScoped<Reviews.DismissFlag.Handler>();
        services.AddScoped<Reviews.BulkDecide.Handler>();
        services.AddScoped<Reviews.SavedFilters.Handler>();
        services.AddScoped<Reviews.FlagsExport.Handler>();
        services.AddScoped<Reviews.WhatIf.Handler>();
        services.AddScoped<Audit.AuditSearch.Handler>();
        services.AddScoped<Audit.AuditExport.Handler>();

        services.AddOptions<Dashboard.DashboardOptions>().BindConfiguration(Dashboard.DashboardOptions.Section);
        services.AddScoped<Imports.ImportEngine>();
        services.AddScoped<Imports.ImportFiles.Handler>();
        services.AddScoped<Imports.ImportBatch.Handler>();
        services.AddScoped<Collectors.CreateApiKey.Handler>();
        services.AddScoped<Collectors.RevokeApiKey.Handler>();
        services.AddScoped<Collectors.ListApiKeys.Handler>();
        services.AddScoped<Collectors.AuthenticateCollector.Handler>();
        services.AddScoped<Rules.RunEvaluation.Handler>();
        services.AddScoped<Rules.ThresholdsPreview.Handler>();
        services.AddScoped<Rules.EvaluationOutput.Handler>();
        services.AddScoped<Inspections.RunInspection.Handler>();
        services.AddScoped<Inspections.InspectionOutput.Handler>();
        services.AddScoped<Inspections.AccountInspection.Handler>();
        services.AddScoped<Inspections.InspectionResultList.Handler>();
        services.AddScoped<Inspections.InspectionWarnings.Handler>();
        services.AddScoped<Inspections.InspectionDashboard.Handler>();
        services.AddScoped<Inspections.InspectionSettingsEditor.Handler>();
        services.AddScoped<Inspections.OpenInspectionRound.Handler>();
        services.AddScoped<Inspections.RunInspectionRound.Handler>();
        services.AddScoped<Inspections.AddRoundFinding.Handler>();
        services.AddScoped<Inspections.RemoveRoundFinding.Handler>();
        services.AddScoped<Inspections.PublishInspectionRound.Handler>();
        services.AddScoped<Inspections.InspectionRoundResults.Handler>();
        services.AddScoped<Inspections.AnswerRectification.Handler>();
        services.AddScoped<Inspections.ReviewRectification.Handler>();
        services.AddScoped<Inspections.RectificationTaskList.Handler>();
        services.AddScoped<Inspections.RectificationTaskDetail.Handler>();
        services.AddScoped<Inspections.RoundFindingScreenshot.Handler>();
        services.AddScoped<Inspections.ReportTemplateEditor.Handler>();
        services.AddScoped<Inspections.PassRateTrend.Handler>();
        services.AddScoped<Inspections.RectificationCounts.Handler>();
        services.AddScoped<Inspections.RectificationOverdue.Handler>();
        services.AddScoped<Inspections.InspectionRoundList.Handler>();
        services.AddScoped<Inspections.InspectionRoundReport.Handler>();
        services.AddScoped<Filings.ReconcileFilings.Handler>();
        services.AddScoped<Filings.RecordFiling.Handler>();
        services.AddScoped<Filings.UnfiledAccounts.Handler>();
        services.AddScoped<Filings.AccountFiling.Handler>();
        services.AddScoped<Rules.RuleSettingsEditor.Handler>();
        services.AddScoped<Rules.CompareEvaluations.Handler>();
        services.AddScoped<Rules.EvaluationList.Handler>();
        services.AddClosures();
        services.AddOptions<Duplicates.DuplicatesOptions>().BindConfiguration(Duplicates.DuplicatesOptions.Section)
            .Validate(o => o.CrowdedMemberBudget >= 0, "Duplicates:CrowdedMemberBudget must be 0 or more.")
            .ValidateOnStart();
        services.AddScoped(provider => new Duplicates.NearDuplicateDetector(
            provider.GetRequiredService<Infrastructure.RegistryConnection>(), provider.GetRequiredService<TimeProvider>())
        {
            CrowdedMemberBudget = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Duplicates.DuplicatesOptions>>().Value.CrowdedMemberBudget,
        });
        services.AddScoped<Imports.IPostImportListener>(provider => provider.GetRequiredService<Duplicates.NearDuplicateDetector>());
        services.AddFollowUpWork();
        services.AddNightlyEvaluation();
        services.AddScoped<Duplicates.FingerprintBackfill.Handler>();
        services.AddScoped<Duplicates.AlsoPublishedAs.Handler>();
        services.AddScoped<Duplicates.AccountDuplicateShare.Handler>();
        services.AddScoped<Duplicates.DuplicateGroups.Handler>();
        services.AddContentInspection();
        return services;
    }

    /// <summary>
    /// The nightly evaluation (section "Rules": Enabled, NightlyAt "HH:mm" Asia/Shanghai), on by default in every host
    /// (the web app; the command line builds no host, so it starts no hosted service). Every instance may schedule it:
    /// a PostgreSQL advisory lock makes one of them evaluate.
    /// </summary>
    private static void AddNightlyEvaluation(this IServiceCollection services)
    {
        services.AddOptions<RulesOptions>()
            .BindConfiguration(RulesOptions.Section)
            .Validate(o => RulesOptions.TryParseTime(o.NightlyAt, out _), "Rules:NightlyAt must be a time of day as HH:mm (Asia/Shanghai).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<NightlyEvaluation>();
        services.AddHostedService(provider => provider.GetRequiredService<NightlyEvaluation>());
        services.AddScoped<NightlyStatus.Handler>();
    }

    /// <summary>
    /// Fingerprints and content checks after an import (section "FollowUp"): the import only queues them (triggers)
    /// and nudges the worker, which drains the queues in the background of every host.
    /// </summary>
    private static void AddFollowUpWork(this IServiceCollection services)
    {
        services.AddOptions<Imports.FollowUpOptions>().BindConfiguration(Imports.FollowUpOptions.Section);
        services.AddSingleton<Imports.FollowUpSignal>();
        services.AddScoped<Imports.FollowUpWork>();
        services.AddSingleton<Imports.FollowUpWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<Imports.FollowUpWorker>());
    }

    /// <summary>
    /// Content inspection and public verification (issue 10). The inspector is a second import listener, after the
    /// near-duplicate detector; the re-check after a list edit is a hosted service that only a host starts.
    /// </summary>
    private static void AddContentInspection(this IServiceCollection services)
    {
        services.AddScoped<Content.ContentInspector>();
        services.AddScoped<Imports.IPostImportListener>(provider => provider.GetRequiredService<Content.ContentInspector>());
        services.AddSingleton<Content.ContentRecheck>();
        services.AddHostedService(provider => provider.GetRequiredService<Content.ContentRecheck>());
        services.AddScoped<Content.ContentTerms.Handler>();
        services.AddScoped<Content.ContentTermSpreadsheet.Handler>();
        services.AddScoped<Content.ContentFindingList.Handler>();
        services.AddScoped<Content.DecideContentFinding.Handler>();
        services.AddScoped<Content.ContentFindingCounts.Handler>();
        services.AddScoped<Verification.VerifyAccount.Handler>();
    }

    /// <summary>The closure workflow (issue 7): handlers, deadlines from configuration, notifications and overdue reminders.</summary>
    private static void AddClosures(this IServiceCollection services)
    {
        services.AddOptions<Closures.ClosureOptions>().BindConfiguration(Closures.ClosureOptions.Section);
        services.AddSingleton(provider => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Closures.ClosureOptions>>().Value.ToDeadlines());
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
