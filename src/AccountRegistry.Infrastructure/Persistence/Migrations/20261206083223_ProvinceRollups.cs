using AccountRegistry.Infrastructure.Persistence.Configurations;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountRegistry.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ProvinceRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Raw SQL only (no model change): the dashboard's per-unit zombie counts per run, kept by triggers.
            migrationBuilder.Sql(ProvinceRollupTriggers.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ProvinceRollupTriggers.Drop);
        }
    }
}
