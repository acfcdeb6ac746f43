# Re-adds the AccountDayTriggers calls to a regenerated RulesAndFlags migration (see AccountDayTriggers).
import glob, re
path = glob.glob("src/AccountRegistry.Infrastructure/Persistence/Migrations/*_RulesAndFlags.cs")[0]
s = open(path, encoding="utf-8").read()
if "AccountDayTriggers" not in s:
    s = s.replace("using Microsoft.EntityFrameworkCore.Migrations;", "using AccountRegistry.Infrastructure.Persistence.Configurations;\nusing Microsoft.EntityFrameworkCore.Migrations;", 1)
    up = s.index("protected override void Up(MigrationBuilder migrationBuilder)")
    down = s.index("protected override void Down(MigrationBuilder migrationBuilder)")
    end_up = s.rindex("        }", up, down)
    s = s[:end_up] + "\n            migrationBuilder.Sql(AccountDayTriggers.Create);\n" + s[end_up:]
    down = s.index("protected override void Down(MigrationBuilder migrationBuilder)")
    brace = s.index("{", down)
    s = s[:brace + 1] + "\n            migrationBuilder.Sql(AccountDayTriggers.Drop);\n" + s[brace + 1:]
    open(path, "w", encoding="utf-8").write(s)
print(path)
