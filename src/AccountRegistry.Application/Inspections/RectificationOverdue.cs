using AccountRegistry.Domain.Common;
using AccountRegistry.Infrastructure;
using Npgsql;

namespace AccountRegistry.Application.Inspections;

/// <summary>
/// 整改逾期: when a task passes its due day unaccepted, every reviewer above its unit gets one in-app notice, once per
/// task (the dedup key holds the task alone). One INSERT … SELECT in the hourly loop of the overdue reminders.
/// </summary>
public static class RectificationOverdue
{
    public sealed class Handler(RegistryConnection connection, TimeProvider clock)
    {
        public async Task<int> RaiseAsync(CancellationToken cancellationToken = default)
        {
            var now = clock.GetUtcNow();
            await using var db = new NpgsqlConnection(connection.ConnectionString);
            await db.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                """
                INSERT INTO notifications (recipient, kind, subject, actor, note, link, created_at, dedup_key)
                SELECT DISTINCT u.user_name, @kind, left(a.name, 200), NULL,
                       to_char(t.due_on, 'YYYY-MM-DD'), 'rectifications/' || t.id, @now,
                       'rectification-overdue:' || t.id
                FROM rectification_tasks t
                JOIN accounts a ON a.id = t.account_id
                JOIN units tu ON tu.id = t.unit_id
                JOIN units uu ON starts_with(tu.path, uu.path)
                JOIN asp_net_users u ON u.unit_id = uu.id AND u.user_name IS NOT NULL
                JOIN asp_net_user_roles ur ON ur.user_id = u.id
                JOIN asp_net_roles ro ON ro.id = ur.role_id AND ro.name = 'Reviewer'
                WHERE t.state <> 'accepted' AND t.due_on < @today
                ON CONFLICT (recipient, dedup_key) WHERE dedup_key IS NOT NULL DO NOTHING
                """,
                db);
            command.Parameters.AddWithValue("kind", Rectifications.OverdueKind);
            command.Parameters.AddWithValue("now", now.ToUniversalTime());
            command.Parameters.AddWithValue("today", ShanghaiCalendar.DayOf(now));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
