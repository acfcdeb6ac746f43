using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountRegistry.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DashboardFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "purpose",
                table: "collector_api_keys",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "collect");

            // The dashboard's change log (DashboardSummaryCache): every transaction that writes a table the figures are
            // computed from leaves its id here, once, from a statement trigger. Each writer adds its own row, so writers
            // never queue behind one another for it; a reader compares the ids with the snapshot its figures came from.
            migrationBuilder.Sql("""
                CREATE TABLE dashboard_changes (
                    txid xid8 PRIMARY KEY,
                    noted_at timestamptz NOT NULL DEFAULT clock_timestamp()
                );

                CREATE FUNCTION dashboard_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO dashboard_changes (txid) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END
                $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON units FOR EACH STATEMENT EXECUTE FUNCTION dashboard_note_change()");
            migrationBuilder.Sql("CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON accounts FOR EACH STATEMENT EXECUTE FUNCTION dashboard_note_change()");
            migrationBuilder.Sql("CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON account_status_changes FOR EACH STATEMENT EXECUTE FUNCTION dashboard_note_change()");
            migrationBuilder.Sql("CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON review_decisions FOR EACH STATEMENT EXECUTE FUNCTION dashboard_note_change()");
            migrationBuilder.Sql("CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON closure_requests FOR EACH STATEMENT EXECUTE FUNCTION dashboard_note_change()");
            migrationBuilder.Sql("CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON closure_steps FOR EACH STATEMENT EXECUTE FUNCTION dashboard_note_change()");
            migrationBuilder.Sql("CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON evaluations FOR EACH STATEMENT EXECUTE FUNCTION dashboard_note_change()");
            migrationBuilder.Sql("CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON evaluation_results FOR EACH STATEMENT EXECUTE FUNCTION dashboard_note_change()");
            migrationBuilder.Sql("CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON flags FOR EACH STATEMENT EXECUTE FUNCTION dashboard_note_change()");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS dashboard_change ON units");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS dashboard_change ON accounts");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS dashboard_change ON account_status_changes");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS dashboard_change ON review_decisions");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS dashboard_change ON closure_requests");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS dashboard_change ON closure_steps");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS dashboard_change ON evaluations");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS dashboard_change ON evaluation_results");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS dashboard_change ON flags");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS dashboard_note_change(); DROP TABLE IF EXISTS dashboard_changes;");


            migrationBuilder.DropColumn(
                name: "purpose",
                table: "collector_api_keys");
        }
    }
}
