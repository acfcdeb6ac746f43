using AccountRegistry.Domain.Common;
using AccountRegistry.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AccountRegistry.Application.Closures;

/// <summary>
/// 逾期提醒: one in-app reminder per overdue request, per user whose turn it is (the clerks over the request's unit
/// while the next step is theirs, the reviewers above it while it is theirs), per due day. One INSERT … SELECT; the
/// dedup key makes raising them again a no-op, so any number of instances may run it every hour.
/// </summary>
public static class OverdueReminders
{
    public const string Kind = "closure.overdue";

    public sealed class Handler(RegistryConnection connection, TimeProvider clock)
    {
        /// <summary>Raises the reminders still missing; returns how many were added.</summary>
        public async Task<int> RaiseAsync(CancellationToken cancellationToken = default)
        {
            var now = clock.GetUtcNow();
            var today = ShanghaiCalendar.DayOf(now);
            await using var db = new NpgsqlConnection(connection.ConnectionString);
            await db.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                """
                INSERT INTO notifications (recipient, kind, subject, actor, note, link, created_at, dedup_key)
                SELECT DISTINCT u.user_name, @kind, left(coalesce(a.name, r.proposed_name, ''), 200), NULL,
                       to_char(r.due_on, 'YYYY-MM-DD'), 'closures/' || r.id, @now,
                       'closure-overdue:' || r.id || ':' || r.state || ':' || to_char(r.due_on, 'YYYY-MM-DD')
                FROM closure_requests r
                JOIN units ru ON ru.id = r.unit_id
                LEFT JOIN accounts a ON a.id = r.account_id
                JOIN units uu ON starts_with(ru.path, uu.path)
                JOIN asp_net_users u ON u.unit_id = uu.id AND u.user_name IS NOT NULL
                JOIN asp_net_user_roles ur ON ur.user_id = u.id
                JOIN asp_net_roles ro ON ro.id = ur.role_id
                WHERE r.due_on < @today
                  AND ((r.state IN ('draft', 'rejected', 'approved', 'notice_posted') AND ro.name = 'Clerk')
                    OR (r.state IN ('submitted', 'deregistered') AND ro.name = 'Reviewer'))
                ON CONFLICT (recipient, dedup_key) WHERE dedup_key IS NOT NULL DO NOTHING
                """,
                db);
            command.Parameters.AddWithValue("kind", Kind);
            command.Parameters.AddWithValue("now", now.ToUniversalTime());
            command.Parameters.AddWithValue("today", today);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Runs <see cref="Handler.RaiseAsync"/> and the inspection warnings' <see cref="Inspections.InspectionWarnings.Handler.RaiseAsync"/>
    /// at start and then every <see cref="ClosureOptions.ReminderInterval"/> in the web app.
    /// </summary>
    public sealed class Service(IServiceScopeFactory scopes, IOptions<ClosureOptions> options, ILogger<Service> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            if (!options.Value.RemindersEnabled)
            {
                return;
            }

            using var timer = new PeriodicTimer(options.Value.ReminderInterval);
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var raised = await scope.ServiceProvider.GetRequiredService<Handler>().RaiseAsync(stoppingToken);
                    if (raised > 0)
                    {
                        logger.LogInformation("Raised {Count} overdue reminders for closure requests", raised);
                    }

                    // Overdue rectifications: the reviewers hear once per task.
                    var rectifications = await scope.ServiceProvider.GetRequiredService<Inspections.RectificationOverdue.Handler>().RaiseAsync(stoppingToken);
                    if (rectifications > 0)
                    {
                        logger.LogInformation("Raised {Count} overdue rectification notices", rectifications);
                    }

                    // The inspection's warnings share this hourly tick: their dedup keys make the day's first run the
                    // only one that adds anything.
                    var warned = await scope.ServiceProvider.GetRequiredService<Inspections.InspectionWarnings.Handler>().RaiseAsync(stoppingToken);
                    if (warned > 0)
                    {
                        logger.LogInformation("Raised {Count} inspection warnings (NEAR_STALE, REVIVED)", warned);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database may be down for a while; the next tick tries again.
                    logger.LogWarning(ex, "Raising overdue reminders failed");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
    }
}
