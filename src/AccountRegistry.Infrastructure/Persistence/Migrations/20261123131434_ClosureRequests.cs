using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AccountRegistry.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ClosureRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "closure_requests",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    origin = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    review_decision_id = table.Column<long>(type: "bigint", nullable: true),
                    unit_id = table.Column<int>(type: "integer", nullable: false),
                    account_id = table.Column<int>(type: "integer", nullable: true),
                    account_provides_services = table.Column<bool>(type: "boolean", nullable: false),
                    reasons = table.Column<string[]>(type: "text[]", nullable: false),
                    reason_text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    planned_last_post_on = table.Column<DateOnly>(type: "date", nullable: true),
                    merge_target_account_id = table.Column<int>(type: "integer", nullable: true),
                    service_takeover = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    proposed_platform = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    proposed_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    breaks_one_account_per_platform = table.Column<bool>(type: "boolean", nullable: false),
                    conflicting_account_id = table.Column<int>(type: "integer", nullable: true),
                    breaks_below_county_level = table.Column<bool>(type: "boolean", nullable: false),
                    opened_account_id = table.Column<int>(type: "integer", nullable: true),
                    notice_text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    notice_posted_on = table.Column<DateOnly>(type: "date", nullable: true),
                    notice_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    deregistered_on = table.Column<DateOnly>(type: "date", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_closure_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_closure_requests_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_closure_requests_accounts_conflicting_account_id",
                        column: x => x.conflicting_account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_closure_requests_accounts_merge_target_account_id",
                        column: x => x.merge_target_account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_closure_requests_accounts_opened_account_id",
                        column: x => x.opened_account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_closure_requests_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    recipient = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    link = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    dedup_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "closure_attachments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    request_id = table.Column<int>(type: "integer", nullable: false),
                    purpose = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_closure_attachments", x => x.id);
                    table.ForeignKey(
                        name: "fk_closure_attachments_closure_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "closure_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "closure_steps",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    request_id = table.Column<int>(type: "integer", nullable: false),
                    action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    from_state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    to_state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    due_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_closure_steps", x => x.id);
                    table.ForeignKey(
                        name: "fk_closure_steps_closure_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "closure_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_closure_attachments_request_id_purpose",
                table: "closure_attachments",
                columns: new[] { "request_id", "purpose" });

            migrationBuilder.CreateIndex(
                name: "ix_closure_requests_conflicting_account_id",
                table: "closure_requests",
                column: "conflicting_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_closure_requests_merge_target_account_id",
                table: "closure_requests",
                column: "merge_target_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_closure_requests_opened_account_id",
                table: "closure_requests",
                column: "opened_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_closure_requests_state_due_on",
                table: "closure_requests",
                columns: new[] { "state", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_closure_requests_unit_id",
                table: "closure_requests",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "ux_closure_requests_open_per_account",
                table: "closure_requests",
                column: "account_id",
                unique: true,
                filter: "account_id IS NOT NULL AND state NOT IN ('completed', 'withdrawn')");

            migrationBuilder.CreateIndex(
                name: "ix_closure_steps_request_id_at",
                table: "closure_steps",
                columns: new[] { "request_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_recipient_dedup_key",
                table: "notifications",
                columns: new[] { "recipient", "dedup_key" },
                unique: true,
                filter: "dedup_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_recipient_read_at_created_at",
                table: "notifications",
                columns: new[] { "recipient", "read_at", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "closure_attachments");

            migrationBuilder.DropTable(
                name: "closure_steps");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "closure_requests");
        }
    }
}
