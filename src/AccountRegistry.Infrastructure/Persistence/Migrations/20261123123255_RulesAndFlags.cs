using System;
using AccountRegistry.Infrastructure.Persistence.Configurations;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AccountRegistry.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RulesAndFlags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "account_days",
                columns: table => new
                {
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    posts = table.Column<int>(type: "integer", nullable: false),
                    originals = table.Column<int>(type: "integer", nullable: false),
                    copies = table.Column<int>(type: "integer", nullable: false),
                    posts_with_reads = table.Column<int>(type: "integer", nullable: false),
                    reads = table.Column<long>(type: "bigint", nullable: false),
                    reads_captured_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_days", x => new { x.account_id, x.day });
                    table.ForeignKey(
                        name: "fk_account_days_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "account_days_pending",
                columns: table => new
                {
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_days_pending", x => new { x.account_id, x.day });
                });

            migrationBuilder.CreateTable(
                name: "evaluations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    thresholds = table.Column<string>(type: "jsonb", nullable: false),
                    county_thresholds = table.Column<string>(type: "jsonb", nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    duration = table.Column<TimeSpan>(type: "interval", nullable: false),
                    account_count = table.Column<int>(type: "integer", nullable: false),
                    triggered_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    updated_flags = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evaluations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rule_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    unit_id = table.Column<int>(type: "integer", nullable: false),
                    never_posted_days = table.Column<int>(type: "integer", nullable: false),
                    stale_days = table.Column<int>(type: "integer", nullable: false),
                    low_reads_mean = table.Column<int>(type: "integer", nullable: false),
                    window_days = table.Column<int>(type: "integer", nullable: false),
                    duplicate_content_min_posts = table.Column<int>(type: "integer", nullable: false),
                    duplicate_content_share = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: false),
                    repost_heavy_min_posts = table.Column<int>(type: "integer", nullable: false),
                    repost_heavy_original_share = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: false),
                    dismissal_days = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rule_settings", x => x.id);
                    table.ForeignKey(
                        name: "fk_rule_settings_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "evaluation_results",
                columns: table => new
                {
                    evaluation_id = table.Column<long>(type: "bigint", nullable: false),
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    recommendation = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    rules = table.Column<string[]>(type: "text[]", nullable: false),
                    merge_target_account_id = table.Column<int>(type: "integer", nullable: true),
                    evidence = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evaluation_results", x => new { x.evaluation_id, x.account_id });
                    table.ForeignKey(
                        name: "fk_evaluation_results_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_evaluation_results_accounts_merge_target_account_id",
                        column: x => x.merge_target_account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_evaluation_results_evaluations_evaluation_id",
                        column: x => x.evaluation_id,
                        principalTable: "evaluations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "flags",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    rule = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_evaluation_id = table.Column<long>(type: "bigint", nullable: false),
                    last_seen_on = table.Column<DateOnly>(type: "date", nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    dismissed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    dismissed_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    dismissed_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    dismissed_measure = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    evidence = table.Column<string>(type: "jsonb", nullable: false),
                    measure = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_flags", x => x.id);
                    table.ForeignKey(
                        name: "fk_flags_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_flags_evaluations_last_seen_evaluation_id",
                        column: x => x.last_seen_evaluation_id,
                        principalTable: "evaluations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_evaluation_results_account_id_evaluation_id",
                table: "evaluation_results",
                columns: new[] { "account_id", "evaluation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_evaluation_results_merge_target_account_id",
                table: "evaluation_results",
                column: "merge_target_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_evaluations_as_of_triggered_by",
                table: "evaluations",
                columns: new[] { "as_of", "triggered_by" });

            migrationBuilder.CreateIndex(
                name: "ix_evaluations_started_at",
                table: "evaluations",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "ix_flags_account_id_rule",
                table: "flags",
                columns: new[] { "account_id", "rule" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_flags_last_seen_evaluation_id",
                table: "flags",
                column: "last_seen_evaluation_id");

            migrationBuilder.CreateIndex(
                name: "ix_flags_status_rule",
                table: "flags",
                columns: new[] { "status", "rule" });

            migrationBuilder.CreateIndex(
                name: "ix_rule_settings_unit_id",
                table: "rule_settings",
                column: "unit_id",
                unique: true);

            migrationBuilder.Sql(AccountDayTriggers.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AccountDayTriggers.Drop);

            migrationBuilder.DropTable(
                name: "account_days");

            migrationBuilder.DropTable(
                name: "account_days_pending");

            migrationBuilder.DropTable(
                name: "evaluation_results");

            migrationBuilder.DropTable(
                name: "flags");

            migrationBuilder.DropTable(
                name: "rule_settings");

            migrationBuilder.DropTable(
                name: "evaluations");
        }
    }
}
