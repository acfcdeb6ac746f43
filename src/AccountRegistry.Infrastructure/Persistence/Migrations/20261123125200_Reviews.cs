using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AccountRegistry.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Reviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "review_decisions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    unit_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    merge_target_account_id = table.Column<int>(type: "integer", nullable: true),
                    retain_reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    flag_id = table.Column<long>(type: "bigint", nullable: true),
                    dismissed_rule = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    rules = table.Column<string[]>(type: "text[]", nullable: false),
                    evaluation_id = table.Column<long>(type: "bigint", nullable: true),
                    recommended = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    decided_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_review_decisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_review_decisions_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_review_decisions_accounts_merge_target_account_id",
                        column: x => x.merge_target_account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_review_decisions_evaluations_evaluation_id",
                        column: x => x.evaluation_id,
                        principalTable: "evaluations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_review_decisions_flags_flag_id",
                        column: x => x.flag_id,
                        principalTable: "flags",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_review_decisions_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "saved_review_filters",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    filter = table.Column<string>(type: "jsonb", nullable: false),
                    saved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_saved_review_filters", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "account_reviews",
                columns: table => new
                {
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    latest_decision_id = table.Column<long>(type: "bigint", nullable: false),
                    standing_decision_id = table.Column<long>(type: "bigint", nullable: true),
                    standing_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    settled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_reviews", x => x.account_id);
                    table.ForeignKey(
                        name: "fk_account_reviews_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_account_reviews_review_decisions_latest_decision_id",
                        column: x => x.latest_decision_id,
                        principalTable: "review_decisions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_account_reviews_review_decisions_standing_decision_id",
                        column: x => x.standing_decision_id,
                        principalTable: "review_decisions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_account_reviews_latest_decision_id",
                table: "account_reviews",
                column: "latest_decision_id");

            migrationBuilder.CreateIndex(
                name: "ix_account_reviews_standing_decision_id",
                table: "account_reviews",
                column: "standing_decision_id");

            migrationBuilder.CreateIndex(
                name: "ix_review_decisions_account_id_decided_at",
                table: "review_decisions",
                columns: new[] { "account_id", "decided_at" });

            migrationBuilder.CreateIndex(
                name: "ix_review_decisions_batch_id",
                table: "review_decisions",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_review_decisions_evaluation_id",
                table: "review_decisions",
                column: "evaluation_id");

            migrationBuilder.CreateIndex(
                name: "ix_review_decisions_flag_id",
                table: "review_decisions",
                column: "flag_id");

            migrationBuilder.CreateIndex(
                name: "ix_review_decisions_merge_target_account_id",
                table: "review_decisions",
                column: "merge_target_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_review_decisions_unit_id",
                table: "review_decisions",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_saved_review_filters_user_name_name",
                table: "saved_review_filters",
                columns: new[] { "user_name", "name" },
                unique: true);

            // Decisions are the record an inspection reads: like audit_entries, the database refuses to change or remove one.
            migrationBuilder.Sql("""
                CREATE FUNCTION review_decisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'review_decisions is append-only: % is not allowed', TG_OP;
                END $$;
                CREATE TRIGGER review_decisions_no_update_or_delete
                    BEFORE UPDATE OR DELETE ON review_decisions
                    FOR EACH ROW EXECUTE FUNCTION review_decisions_append_only();
                CREATE TRIGGER review_decisions_no_truncate
                    BEFORE TRUNCATE ON review_decisions
                    FOR EACH STATEMENT EXECUTE FUNCTION review_decisions_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS review_decisions_no_update_or_delete ON review_decisions;
                DROP TRIGGER IF EXISTS review_decisions_no_truncate ON review_decisions;
                DROP FUNCTION IF EXISTS review_decisions_append_only();
                """);

            migrationBuilder.DropTable(
                name: "account_reviews");

            migrationBuilder.DropTable(
                name: "saved_review_filters");

            migrationBuilder.DropTable(
                name: "review_decisions");
        }
    }
}
