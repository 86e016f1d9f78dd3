using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskWatch.Migrations.PostgreSQL
{
    /// <inheritdoc />
    public partial class JobPollTimesNotify : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Issue 32: most writes of a tracked job are a poll that changed nothing but its poll times, and every
            // other instance re-read the whole row for each of them (the fleet bench measured it). An update that
            // changed only "LastPolledUtc", "LastReadUtc" and "NextPollUtc" now carries what a live view shows of
            // them in its entry, "id:read:next" (ticks; empty for none), so an instance that already shows the job
            // applies them without a read; any other write still sends the bare id. An instance of the previous
            // release skips the entries it cannot parse (it misses poll times until it is upgraded). Chunks of 120
            // entries: the longest entry is 59 characters and a payload must stay under 8000 bytes.
            migrationBuilder.Sql("""
                CREATE FUNCTION taskwatch_notify_job_updates() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE entries text;
                BEGIN
                    FOR entries IN
                        SELECT string_agg(entry, ',') FROM (
                            SELECT CASE
                                    WHEN to_jsonb(n) - 'LastPolledUtc' - 'LastReadUtc' - 'NextPollUtc' = to_jsonb(o) - 'LastPolledUtc' - 'LastReadUtc' - 'NextPollUtc'
                                    THEN n."Id"::text || ':' || coalesce(n."LastReadUtc"::text, '') || ':' || coalesce(n."NextPollUtc"::text, '')
                                    ELSE n."Id"::text
                                END AS entry,
                                (row_number() OVER ()) / 120 AS chunk
                            FROM written n JOIN before o ON o."Id" = n."Id") c
                        GROUP BY chunk
                    LOOP
                        PERFORM pg_notify('taskwatch_jobs', entries);
                    END LOOP;
                    RETURN NULL;
                END $$;
                DROP TRIGGER "TrackedJobs_notify_update" ON "TrackedJobs";
                CREATE TRIGGER "TrackedJobs_notify_update" AFTER UPDATE ON "TrackedJobs"
                    REFERENCING OLD TABLE AS before NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION taskwatch_notify_job_updates();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "TrackedJobs_notify_update" ON "TrackedJobs";
                CREATE TRIGGER "TrackedJobs_notify_update" AFTER UPDATE ON "TrackedJobs"
                    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION taskwatch_notify_jobs();
                DROP FUNCTION taskwatch_notify_job_updates();
                """);
        }
    }
}
