using System.Collections;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountRegistry.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class NearDuplicateSketch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "shingle_count",
                table: "post_fingerprints",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<BitArray>(
                name: "sketch",
                table: "post_fingerprints",
                type: "bit(1280)",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "shingle_count",
                table: "post_fingerprints");

            migrationBuilder.DropColumn(
                name: "sketch",
                table: "post_fingerprints");
        }
    }
}
