using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountRegistry.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RulesStorageTuning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_evaluation_results_accounts_account_id",
                table: "evaluation_results");

            migrationBuilder.DropForeignKey(
                name: "fk_evaluation_results_accounts_merge_target_account_id",
                table: "evaluation_results");

            migrationBuilder.DropForeignKey(
                name: "fk_flags_evaluations_last_seen_evaluation_id",
                table: "flags");

            migrationBuilder.DropIndex(
                name: "ix_flags_last_seen_evaluation_id",
                table: "flags");

            migrationBuilder.DropIndex(
                name: "ix_evaluation_results_merge_target_account_id",
                table: "evaluation_results");

            migrationBuilder.AlterTable(
                name: "flags")
                .Annotation("Npgsql:StorageParameter:fillfactor", 70);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "flags")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 70);

            migrationBuilder.CreateIndex(
                name: "ix_flags_last_seen_evaluation_id",
                table: "flags",
                column: "last_seen_evaluation_id");

            migrationBuilder.CreateIndex(
                name: "ix_evaluation_results_merge_target_account_id",
                table: "evaluation_results",
                column: "merge_target_account_id");

            migrationBuilder.AddForeignKey(
                name: "fk_evaluation_results_accounts_account_id",
                table: "evaluation_results",
                column: "account_id",
                principalTable: "accounts",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_evaluation_results_accounts_merge_target_account_id",
                table: "evaluation_results",
                column: "merge_target_account_id",
                principalTable: "accounts",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "fk_flags_evaluations_last_seen_evaluation_id",
                table: "flags",
                column: "last_seen_evaluation_id",
                principalTable: "evaluations",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
