using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AccountRegistry.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InspectionAndInteractions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "filing_no",
                table: "accounts",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "interactive",
                table: "accounts",
                type: "boolean",
                nullable: false,

                // Existing accounts, and inserts that leave it out (the benchmarks' data sets), offer interaction
                // until a file says otherwise: the spec's default.
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "inspection_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    unit_id = table.Column<int>(type: "integer", nullable: false),
                    period_days = table.Column<int>(type: "integer", nullable: false),
                    warn_days = table.Column<int>(type: "integer", nullable: false),
                    unanswered_days = table.Column<int>(type: "integer", nullable: false),
                    reply_working_days = table.Column<int>(type: "integer", nullable: false),
                    slow_reply_points = table.Column<int>(type: "integer", nullable: false),
                    slow_reply_cap = table.Column<int>(type: "integer", nullable: false),
                    repost_heavy_points = table.Column<int>(type: "integer", nullable: false),
                    duplicate_content_points = table.Column<int>(type: "integer", nullable: false),
                    unattended_points = table.Column<int>(type: "integer", nullable: false),
                    not_filed_points = table.Column<int>(type: "integer", nullable: false),
                    pass_score = table.Column<int>(type: "integer", nullable: false),
                    excellent_score = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_settings", x => x.id);
                    table.ForeignKey(
                        name: "fk_inspection_settings_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inspections",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    settings = table.Column<string>(type: "jsonb", nullable: false),
                    county_settings = table.Column<string>(type: "jsonb", nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    duration = table.Column<TimeSpan>(type: "interval", nullable: false),
                    triggered_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    account_count = table.Column<int>(type: "integer", nullable: false),
                    passed = table.Column<int>(type: "integer", nullable: false),
                    failed = table.Column<int>(type: "integer", nullable: false),
                    excellent = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspections", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "interactions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    message_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    replied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    needs_reply = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_interactions", x => x.id);
                    table.ForeignKey(
                        name: "fk_interactions_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inspection_results",
                columns: table => new
                {
                    inspection_id = table.Column<long>(type: "bigint", nullable: false),
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    result = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    score = table.Column<int>(type: "integer", nullable: false),
                    vetoes = table.Column<string[]>(type: "text[]", nullable: false),
                    deductions = table.Column<string>(type: "jsonb", nullable: false),
                    evidence = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_results", x => new { x.inspection_id, x.account_id });
                    table.ForeignKey(
                        name: "fk_inspection_results_inspections_inspection_id",
                        column: x => x.inspection_id,
                        principalTable: "inspections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inspection_warnings",
                columns: table => new
                {
                    inspection_id = table.Column<long>(type: "bigint", nullable: false),
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    evidence = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_warnings", x => new { x.inspection_id, x.account_id, x.code });
                    table.ForeignKey(
                        name: "fk_inspection_warnings_inspections_inspection_id",
                        column: x => x.inspection_id,
                        principalTable: "inspections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_inspection_results_account_id_inspection_id",
                table: "inspection_results",
                columns: new[] { "account_id", "inspection_id" });

            migrationBuilder.CreateIndex(
                name: "ix_inspection_settings_unit_id",
                table: "inspection_settings",
                column: "unit_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inspection_warnings_account_id_inspection_id",
                table: "inspection_warnings",
                columns: new[] { "account_id", "inspection_id" });

            migrationBuilder.CreateIndex(
                name: "ix_inspections_started_at",
                table: "inspections",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "ix_interactions_account_id_message_id",
                table: "interactions",
                columns: new[] { "account_id", "message_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_interactions_account_id_received_at",
                table: "interactions",
                columns: new[] { "account_id", "received_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inspection_results");

            migrationBuilder.DropTable(
                name: "inspection_settings");

            migrationBuilder.DropTable(
                name: "inspection_warnings");

            migrationBuilder.DropTable(
                name: "interactions");

            migrationBuilder.DropTable(
                name: "inspections");

            migrationBuilder.DropColumn(
                name: "filing_no",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "interactive",
                table: "accounts");
        }
    }
}
