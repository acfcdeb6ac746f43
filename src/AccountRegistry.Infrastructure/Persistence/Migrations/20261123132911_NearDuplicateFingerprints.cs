using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountRegistry.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class NearDuplicateFingerprints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "post_fingerprints",
                columns: table => new
                {
                    post_id = table.Column<long>(type: "bigint", nullable: false),
                    normalized_length = table.Column<int>(type: "integer", nullable: false),
                    signature = table.Column<long[]>(type: "bigint[]", nullable: true),
                    content_hash = table.Column<Guid>(type: "uuid", nullable: false),
                    algorithm = table.Column<short>(type: "smallint", nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_post_fingerprints", x => x.post_id);
                    table.ForeignKey(
                        name: "fk_post_fingerprints_posts_post_id",
                        column: x => x.post_id,
                        principalTable: "posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Not expressible in the EF model (see PostFingerprintSql): one B-tree per LSH band over signature[j], and
            // the trigger that drops a post's fingerprint and pairs when its text, time or account changes. Written out
            // here rather than taken from code, so that this migration stays what it was when it ran.
            for (var band = 1; band <= 40; band++)
            {
                migrationBuilder.Sql($"CREATE INDEX ix_post_fingerprints_band_{band - 1:00} ON post_fingerprints ((signature[{band}]));");
            }

            migrationBuilder.Sql(
                """
                CREATE FUNCTION post_fingerprint_invalidate() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM near_duplicates WHERE post_id = NEW.id OR source_post_id = NEW.id;
                    DELETE FROM post_fingerprints WHERE post_id = NEW.id;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER posts_fingerprint_invalidate
                    AFTER UPDATE OF title, content, published_at, account_id ON posts
                    FOR EACH ROW
                    WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.content IS DISTINCT FROM NEW.content
                          OR OLD.published_at IS DISTINCT FROM NEW.published_at OR OLD.account_id IS DISTINCT FROM NEW.account_id)
                    EXECUTE FUNCTION post_fingerprint_invalidate();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                DROP TRIGGER IF EXISTS posts_fingerprint_invalidate ON posts;
                DROP FUNCTION IF EXISTS post_fingerprint_invalidate();
                """);
            migrationBuilder.DropTable(
                name: "post_fingerprints");
        }
    }
}
