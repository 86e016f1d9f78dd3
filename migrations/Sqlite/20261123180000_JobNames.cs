using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskWatch.Migrations
{
    /// <summary>
    /// The distinct job names (<see cref="Storage.JobName"/>), filled from the jobs already stored and
    /// kept by triggers: a job-name search LIKEs these few rows, not every job.
    /// </summary>
    public partial class JobNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "JobNames",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobNames", x => x.Name);
                });

            migrationBuilder.Sql("""INSERT INTO "JobNames"("Name") SELECT DISTINCT "Name" FROM "TrackedJobs" WHERE "Name" IS NOT NULL;""");
            // NOT EXISTS rather than INSERT OR IGNORE: a conflict clause on the statement that fires a
            // trigger overrides the one inside it, so OR IGNORE here would not hold for every caller.
            migrationBuilder.Sql("""
                CREATE TRIGGER "JobNames_AfterInsert" AFTER INSERT ON "TrackedJobs" WHEN new."Name" IS NOT NULL BEGIN
                    INSERT INTO "JobNames"("Name") SELECT new."Name" WHERE NOT EXISTS (SELECT 1 FROM "JobNames" WHERE "Name" = new."Name");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "JobNames_AfterUpdate" AFTER UPDATE OF "Name" ON "TrackedJobs"
                WHEN new."Name" IS NOT NULL AND new."Name" IS NOT old."Name" BEGIN
                    INSERT INTO "JobNames"("Name") SELECT new."Name" WHERE NOT EXISTS (SELECT 1 FROM "JobNames" WHERE "Name" = new."Name");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "JobNames_AfterUpdate";""");
            migrationBuilder.Sql("""DROP TRIGGER "JobNames_AfterInsert";""");
            migrationBuilder.DropTable(
                name: "JobNames");
        }
    }
}
