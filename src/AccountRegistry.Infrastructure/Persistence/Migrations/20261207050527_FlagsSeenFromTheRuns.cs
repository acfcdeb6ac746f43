using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountRegistry.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// A flag that keeps firing is no longer rewritten every night. flags.firing says the rule fires in the latest
    /// flag-moving evaluation; the view flags_current, which every reader uses, then takes last seen, evidence and
    /// measure from that run (its result row, by key), and the stored columns from the table otherwise. The evaluation
    /// writes a flag only when it opens, reopens, starts or stops firing (EvaluationWriter). Up marks the flags the
    /// latest flag-moving run saw; Down writes the derived values back into the table before dropping the column.
    /// </summary>
    public partial class FlagsSeenFromTheRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "firing",
                table: "flags",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.Sql("""
                UPDATE flags SET firing = TRUE
                WHERE last_seen_evaluation_id = (SELECT max(e.id) FROM evaluations e WHERE e.updated_flags);
                """);

            migrationBuilder.Sql("""
                CREATE VIEW flags_current AS
                SELECT f.id, f.account_id, f.rule, f.status, f.opened_at,
                       CASE WHEN f.firing
                            THEN COALESCE((SELECT max(e.id) FROM evaluations e WHERE e.updated_flags), f.last_seen_evaluation_id)
                            ELSE f.last_seen_evaluation_id END AS last_seen_evaluation_id,
                       CASE WHEN f.firing
                            THEN COALESCE((SELECT e.as_of FROM evaluations e WHERE e.updated_flags ORDER BY e.id DESC LIMIT 1), f.last_seen_on)
                            ELSE f.last_seen_on END AS last_seen_on,
                       f.resolved_at, f.dismissed_at, f.dismissed_by, f.dismissed_reason, f.dismissed_measure,
                       CASE WHEN f.firing
                            THEN COALESCE((SELECT finding FROM evaluation_results r CROSS JOIN LATERAL jsonb_array_elements(r.evidence) finding
                                           WHERE r.evaluation_id = (SELECT max(e.id) FROM evaluations e WHERE e.updated_flags)
                                             AND r.account_id = f.account_id AND finding->>'rule' = f.rule), f.evidence)
                            ELSE f.evidence END AS evidence,
                       CASE WHEN f.firing
                            THEN (COALESCE((SELECT finding FROM evaluation_results r CROSS JOIN LATERAL jsonb_array_elements(r.evidence) finding
                                            WHERE r.evaluation_id = (SELECT max(e.id) FROM evaluations e WHERE e.updated_flags)
                                              AND r.account_id = f.account_id AND finding->>'rule' = f.rule), f.evidence)->>'measure')::numeric(18,4)
                            ELSE f.measure END AS measure,
                       f.firing, f.xmin
                FROM flags f
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE flags f
                SET last_seen_evaluation_id = c.last_seen_evaluation_id, last_seen_on = c.last_seen_on,
                    evidence = c.evidence, measure = c.measure
                FROM flags_current c
                WHERE c.id = f.id AND f.firing;
                DROP VIEW flags_current;
                """);

            migrationBuilder.DropColumn(
                name: "firing",
                table: "flags");
        }
    }
}
