using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AccountRegistry.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InspectionRounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inspection_rounds",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    scope = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    unit_ids = table.Column<int[]>(type: "integer[]", nullable: false),
                    sampling = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sample_share = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: true),
                    seed = table.Column<long>(type: "bigint", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    inspection_id = table.Column<long>(type: "bigint", nullable: true),
                    opened_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    checked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    published_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_rounds", x => x.id);
                    table.ForeignKey(
                        name: "fk_inspection_rounds_inspections_inspection_id",
                        column: x => x.inspection_id,
                        principalTable: "inspections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspection_round_accounts",
                columns: table => new
                {
                    round_id = table.Column<long>(type: "bigint", nullable: false),
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    platform = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    township_unit_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_round_accounts", x => new { x.round_id, x.account_id });
                    table.ForeignKey(
                        name: "fk_inspection_round_accounts_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_inspection_round_accounts_inspection_rounds_round_id",
                        column: x => x.round_id,
                        principalTable: "inspection_rounds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_inspection_round_accounts_units_township_unit_id",
                        column: x => x.township_unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspection_round_findings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    round_id = table.Column<long>(type: "bigint", nullable: false),
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    item = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    points = table.Column<int>(type: "integer", nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_round_findings", x => x.id);
                    table.ForeignKey(
                        name: "fk_inspection_round_findings_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_inspection_round_findings_inspection_rounds_round_id",
                        column: x => x.round_id,
                        principalTable: "inspection_rounds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_inspection_round_accounts_account_id",
                table: "inspection_round_accounts",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspection_round_accounts_township_unit_id",
                table: "inspection_round_accounts",
                column: "township_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspection_round_findings_account_id",
                table: "inspection_round_findings",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspection_round_findings_round_id_account_id",
                table: "inspection_round_findings",
                columns: new[] { "round_id", "account_id" });

            migrationBuilder.CreateIndex(
                name: "ix_inspection_rounds_inspection_id",
                table: "inspection_rounds",
                column: "inspection_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspection_rounds_opened_at",
                table: "inspection_rounds",
                column: "opened_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inspection_round_accounts");

            migrationBuilder.DropTable(
                name: "inspection_round_findings");

            migrationBuilder.DropTable(
                name: "inspection_rounds");
        }
    }
}
