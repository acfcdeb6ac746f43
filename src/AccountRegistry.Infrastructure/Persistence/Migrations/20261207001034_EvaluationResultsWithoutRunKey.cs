using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountRegistry.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// evaluation_results loses its foreign key to evaluations: PostgreSQL checked it for each of a night's tens of
    /// thousands of rows, all written under the run's own row in the same transaction. Its other duty, deleting a
    /// run's results with the run, moves to a statement-level trigger (one DELETE for a whole statement's runs).
    /// TRUNCATE needs no trigger: review_decisions refers to evaluations and refuses TRUNCATE (append-only), so
    /// evaluations cannot be truncated. Dropping a foreign key only changes the catalogue: no rewrite, no scan.
    /// </summary>
    public partial class EvaluationResultsWithoutRunKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_evaluation_results_evaluations_evaluation_id",
                table: "evaluation_results");

            migrationBuilder.Sql("""
                CREATE FUNCTION evaluation_results_follow_deleted_runs() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM evaluation_results r USING deleted_runs d WHERE r.evaluation_id = d.id;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER evaluations_delete_results AFTER DELETE ON evaluations
                    REFERENCING OLD TABLE AS deleted_runs FOR EACH STATEMENT EXECUTE FUNCTION evaluation_results_follow_deleted_runs();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS evaluations_delete_results ON evaluations;
                DROP FUNCTION IF EXISTS evaluation_results_follow_deleted_runs();
                DELETE FROM evaluation_results r WHERE NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.id = r.evaluation_id);
                """);

            migrationBuilder.AddForeignKey(
                name: "fk_evaluation_results_evaluations_evaluation_id",
                table: "evaluation_results",
                column: "evaluation_id",
                principalTable: "evaluations",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
