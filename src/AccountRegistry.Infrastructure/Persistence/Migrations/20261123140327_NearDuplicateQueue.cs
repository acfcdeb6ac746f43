using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountRegistry.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class NearDuplicateQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "account_id",
                table: "post_fingerprints",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "published_at",
                table: "post_fingerprints",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.CreateTable(
                name: "post_fingerprint_queue",
                columns: table => new
                {
                    post_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_post_fingerprint_queue", x => x.post_id);
                });

            // Written out here rather than taken from code, so that this migration stays what it was when it ran.
            // Fingerprints taken before this migration get their post's account and time.
            migrationBuilder.Sql(
                """
                UPDATE post_fingerprints f SET account_id = p.account_id, published_at = p.published_at
                FROM posts p WHERE p.id = f.post_id;
                """);

            // The detector's work list: every inserted post (one set-based INSERT per statement, also for a bulk
            // COPY), and every post whose text, time or account changes (the invalidation trigger, redefined).
            migrationBuilder.Sql(
                """
                CREATE FUNCTION post_fingerprint_enqueue_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO post_fingerprint_queue (post_id) SELECT id FROM inserted_posts ORDER BY id ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER posts_fingerprint_enqueue
                    AFTER INSERT ON posts
                    REFERENCING NEW TABLE AS inserted_posts
                    FOR EACH STATEMENT
                    EXECUTE FUNCTION post_fingerprint_enqueue_inserted();

                CREATE OR REPLACE FUNCTION post_fingerprint_invalidate() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM near_duplicates WHERE post_id = NEW.id OR source_post_id = NEW.id;
                    DELETE FROM post_fingerprints WHERE post_id = NEW.id;
                    INSERT INTO post_fingerprint_queue (post_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END
                $$;
                """);

            // Posts stored before this migration and not yet fingerprinted.
            migrationBuilder.Sql(
                """
                INSERT INTO post_fingerprint_queue (post_id)
                SELECT p.id FROM posts p WHERE NOT EXISTS (SELECT 1 FROM post_fingerprints f WHERE f.post_id = p.id);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                DROP TRIGGER IF EXISTS posts_fingerprint_enqueue ON posts;
                DROP FUNCTION IF EXISTS post_fingerprint_enqueue_inserted();
                CREATE OR REPLACE FUNCTION post_fingerprint_invalidate() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM near_duplicates WHERE post_id = NEW.id OR source_post_id = NEW.id;
                    DELETE FROM post_fingerprints WHERE post_id = NEW.id;
                    RETURN NULL;
                END
                $$;
                """);

            migrationBuilder.DropTable(
                name: "post_fingerprint_queue");

            migrationBuilder.DropColumn(
                name: "account_id",
                table: "post_fingerprints");

            migrationBuilder.DropColumn(
                name: "published_at",
                table: "post_fingerprints");
        }
    }
}
