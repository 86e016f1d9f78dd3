using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskWatch.Migrations.PostgreSQL
{
    /// <inheritdoc />
    public partial class JobChangeNotify : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Several instances on one database: every committed write of a tracked job (the poller's, a
            // registration, stop-tracking) is announced on channel taskwatch_jobs with the written rows' ids, so
            // each instance's live view follows the others (PostgreSqlJobChangeFeed). NOTIFY is delivered at
            // commit and never for a rolled-back write. Per statement, in chunks of 500 ids (a payload must stay
            // under 8000 bytes); PostgreSQL allows a transition table on a single-event trigger only, hence two.
            migrationBuilder.Sql("""
                CREATE FUNCTION taskwatch_notify_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE ids text;
                BEGIN
                    FOR ids IN
                        SELECT string_agg(id::text, ',') FROM (SELECT "Id" AS id, (row_number() OVER ()) / 500 AS chunk FROM written) c GROUP BY chunk
                    LOOP
                        PERFORM pg_notify('taskwatch_jobs', ids);
                    END LOOP;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "TrackedJobs_notify_insert" AFTER INSERT ON "TrackedJobs"
                    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION taskwatch_notify_jobs();
                CREATE TRIGGER "TrackedJobs_notify_update" AFTER UPDATE ON "TrackedJobs"
                    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION taskwatch_notify_jobs();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "TrackedJobs_notify_update" ON "TrackedJobs";
                DROP TRIGGER "TrackedJobs_notify_insert" ON "TrackedJobs";
                DROP FUNCTION taskwatch_notify_jobs();
                """);
        }
    }
}
