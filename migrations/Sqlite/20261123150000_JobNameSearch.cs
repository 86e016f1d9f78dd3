using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskWatch.Migrations
{
    /// <summary>
    /// A trigram full-text index over job and instance names, so a substring search reads the few
    /// matching rows instead of scanning every job: an external-content FTS5 table (it stores only the
    /// index; the names stay in TrackedJobs), kept in step by triggers. The model has no change here
    /// (see <see cref="Storage.JobNameSearch"/>).
    /// </summary>
    public partial class JobNameSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // EF Core cannot model a virtual table: the FTS5 table, its rebuild and triggers are SQL.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "JobNameSearch" USING fts5(
                    "Name", "InstanceName",
                    content = 'TrackedJobs', content_rowid = 'Id',
                    tokenize = 'trigram case_sensitive 0', detail = 'full');
                """);
            migrationBuilder.Sql("""INSERT INTO "JobNameSearch"("JobNameSearch") VALUES ('rebuild');""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "JobNameSearch_AfterInsert" AFTER INSERT ON "TrackedJobs" BEGIN
                    INSERT INTO "JobNameSearch"(rowid, "Name", "InstanceName") VALUES (new."Id", new."Name", new."InstanceName");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "JobNameSearch_AfterDelete" AFTER DELETE ON "TrackedJobs" BEGIN
                    INSERT INTO "JobNameSearch"("JobNameSearch", rowid, "Name", "InstanceName") VALUES ('delete', old."Id", old."Name", old."InstanceName");
                END;
                """);
            // Only when a name really changed: the writer sets the names on every stored change.
            migrationBuilder.Sql("""
                CREATE TRIGGER "JobNameSearch_AfterUpdate" AFTER UPDATE OF "Name", "InstanceName" ON "TrackedJobs"
                WHEN old."Name" IS NOT new."Name" OR old."InstanceName" IS NOT new."InstanceName" BEGIN
                    INSERT INTO "JobNameSearch"("JobNameSearch", rowid, "Name", "InstanceName") VALUES ('delete', old."Id", old."Name", old."InstanceName");
                    INSERT INTO "JobNameSearch"(rowid, "Name", "InstanceName") VALUES (new."Id", new."Name", new."InstanceName");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "JobNameSearch_AfterUpdate";""");
            migrationBuilder.Sql("""DROP TRIGGER "JobNameSearch_AfterDelete";""");
            migrationBuilder.Sql("""DROP TRIGGER "JobNameSearch_AfterInsert";""");
            migrationBuilder.Sql("""DROP TABLE "JobNameSearch";""");

        }
    }
}
