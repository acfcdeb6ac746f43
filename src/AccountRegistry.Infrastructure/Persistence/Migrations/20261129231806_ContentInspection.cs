using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AccountRegistry.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ContentInspection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "content_check_queue",
                columns: table => new
                {
                    post_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_content_check_queue", x => x.post_id);
                });

            migrationBuilder.CreateTable(
                name: "content_findings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    post_id = table.Column<long>(type: "bigint", nullable: false),
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    check_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    detail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    field = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    matched_text = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    found_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_content_findings", x => x.id);
                    table.ForeignKey(
                        name: "fk_content_findings_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_content_findings_posts_post_id",
                        column: x => x.post_id,
                        principalTable: "posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "content_terms",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    term = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    wrong_forms = table.Column<List<string>>(type: "text[]", nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_content_terms", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_content_findings_account_id_status",
                table: "content_findings",
                columns: new[] { "account_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_content_findings_post_id_check_code_field_position_matched_~",
                table: "content_findings",
                columns: new[] { "post_id", "check_code", "field", "position", "matched_text" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_content_findings_status_check_code",
                table: "content_findings",
                columns: new[] { "status", "check_code" });

            migrationBuilder.CreateIndex(
                name: "ix_content_terms_kind_term",
                table: "content_terms",
                columns: new[] { "kind", "term" },
                unique: true);

            // The inspector's work list, kept like post_fingerprint_queue: every inserted post (one set-based INSERT per
            // statement, also for a bulk COPY) and every post whose title or content changes. Written out here rather
            // than taken from code, so that this migration stays what it was when it ran.
            migrationBuilder.Sql(
                """
                CREATE FUNCTION content_check_enqueue_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO content_check_queue (post_id) SELECT id FROM inserted_posts ORDER BY id ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER posts_content_check_enqueue
                    AFTER INSERT ON posts
                    REFERENCING NEW TABLE AS inserted_posts
                    FOR EACH STATEMENT
                    EXECUTE FUNCTION content_check_enqueue_inserted();

                CREATE FUNCTION content_check_enqueue_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO content_check_queue (post_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER posts_content_check_changed
                    AFTER UPDATE OF title, content ON posts
                    FOR EACH ROW
                    WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.content IS DISTINCT FROM NEW.content)
                    EXECUTE FUNCTION content_check_enqueue_changed();

                INSERT INTO content_check_queue (post_id) SELECT id FROM posts;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                DROP TRIGGER IF EXISTS posts_content_check_changed ON posts;
                DROP TRIGGER IF EXISTS posts_content_check_enqueue ON posts;
                DROP FUNCTION IF EXISTS content_check_enqueue_changed();
                DROP FUNCTION IF EXISTS content_check_enqueue_inserted();
                """);

            migrationBuilder.DropTable(
                name: "content_check_queue");

            migrationBuilder.DropTable(
                name: "content_findings");

            migrationBuilder.DropTable(
                name: "content_terms");
        }
    }
}
