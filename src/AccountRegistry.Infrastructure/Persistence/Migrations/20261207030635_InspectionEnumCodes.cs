using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountRegistry.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The inspection rounds' and rectifications' enums were stored as their C# names (Published, SentBack, BrokenMenu);
    /// every other stored enum is a lower-snake code. Rewrites the stored values to codes (InspectionConverters), in
    /// one statement per table. The tables hold one row per round, finding, task and step: small, so no backfill.
    /// </summary>
    public partial class InspectionEnumCodes : Migration
    {
        private static readonly (string Table, string Column, (string From, string To)[] Values)[] ToCodes =
        [
            ("inspection_rounds", "state", [("Open", "open"), ("Checked", "checked"), ("Published", "published")]),
            ("inspection_rounds", "scope", [("District", "district"), ("Townships", "townships")]),
            ("inspection_rounds", "sampling", [("AllLive", "all_live"), ("Stratified", "stratified")]),
            ("inspection_round_findings", "kind", [("Veto", "veto"), ("Deduction", "deduction")]),
            ("inspection_round_findings", "item", [("BrokenMenu", "broken_menu"), ("CommercialAds", "commercial_ads"), ("UnrelatedLikes", "unrelated_likes"), ("UnusableApp", "unusable_app"), ("Other", "other")]),
            ("rectification_tasks", "state", [("Open", "open"), ("Answered", "answered"), ("SentBack", "sent_back"), ("Accepted", "accepted")]),
            ("rectification_steps", "action", [("Created", "created"), ("Answered", "answered"), ("SentBack", "sent_back"), ("Accepted", "accepted")]),
            ("rectification_steps", "from_state", [("Open", "open"), ("Answered", "answered"), ("SentBack", "sent_back"), ("Accepted", "accepted")]),
            ("rectification_steps", "to_state", [("Open", "open"), ("Answered", "answered"), ("SentBack", "sent_back"), ("Accepted", "accepted")]),
        ];

        private static readonly (string Table, string Column, (string From, string To)[] Values)[] ToNames =
        [
            ("inspection_rounds", "state", [("open", "Open"), ("checked", "Checked"), ("published", "Published")]),
            ("inspection_rounds", "scope", [("district", "District"), ("townships", "Townships")]),
            ("inspection_rounds", "sampling", [("all_live", "AllLive"), ("stratified", "Stratified")]),
            ("inspection_round_findings", "kind", [("veto", "Veto"), ("deduction", "Deduction")]),
            ("inspection_round_findings", "item", [("broken_menu", "BrokenMenu"), ("commercial_ads", "CommercialAds"), ("unrelated_likes", "UnrelatedLikes"), ("unusable_app", "UnusableApp"), ("other", "Other")]),
            ("rectification_tasks", "state", [("open", "Open"), ("answered", "Answered"), ("sent_back", "SentBack"), ("accepted", "Accepted")]),
            ("rectification_steps", "action", [("created", "Created"), ("answered", "Answered"), ("sent_back", "SentBack"), ("accepted", "Accepted")]),
            ("rectification_steps", "from_state", [("open", "Open"), ("answered", "Answered"), ("sent_back", "SentBack"), ("accepted", "Accepted")]),
            ("rectification_steps", "to_state", [("open", "Open"), ("answered", "Answered"), ("sent_back", "SentBack"), ("accepted", "Accepted")]),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => Rewrite(migrationBuilder, ToCodes);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => Rewrite(migrationBuilder, ToNames);

        private static void Rewrite(MigrationBuilder migrationBuilder, (string Table, string Column, (string From, string To)[] Values)[] rewrites)
        {
            foreach (var table in rewrites.GroupBy(r => r.Table))
            {
                var sets = table.Select(r =>
                    $"{r.Column} = CASE {r.Column} " + string.Join(" ", r.Values.Select(v => $"WHEN '{v.From}' THEN '{v.To}'")) + $" ELSE {r.Column} END");
                migrationBuilder.Sql($"UPDATE {table.Key} SET {string.Join(", ", sets)}");
            }
        }
    }
}
