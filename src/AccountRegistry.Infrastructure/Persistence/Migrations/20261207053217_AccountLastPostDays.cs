using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountRegistry.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// account_last_days: each account's latest day of the rules' rollup, written by its refresh (RuleFacts), so the
    /// evaluation reads the last post day of the accounts with nothing in W in one pass instead of one backward index
    /// step each. Filled from account_days here: one grouped pass over the rollup.
    /// </summary>
    public partial class AccountLastPostDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "account_last_days",
                columns: table => new
                {
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_last_days", x => x.account_id);
                    table.ForeignKey(
                        name: "fk_account_last_days_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.Sql("""
                INSERT INTO account_last_days (account_id, day)
                SELECT account_id, max(day) FROM account_days GROUP BY account_id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_last_days");
        }
    }
}
