namespace AccountRegistry.Domain.Audit;

/// <summary>
/// One line of the append-only history: decisions, threshold changes, imports, status changes.
/// The database refuses UPDATE and DELETE on this table.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>User name, or "system"/"cli" for unattended work.</summary>
    public required string Actor { get; set; }

    /// <summary>What happened, a stable code such as "account.closed" or "import.completed".</summary>
    public required string Action { get; set; }

    public string? EntityType { get; set; }

    public string? EntityId { get; set; }

    /// <summary>The unit the entry concerns, so a reviewer's history search stays inside their district.</summary>
    public int? UnitId { get; set; }

    public string? Summary { get; set; }

    /// <summary>Structured details as JSON.</summary>
    public string? Details { get; set; }
}
