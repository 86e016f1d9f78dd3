using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskWatch.Migrations.PostgreSQL
{
    /// <inheritdoc />
    public partial class JobPollTimesBatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Issue 32, second step. The writer now stores a batch's poll times in one statement (PollTimesUpdateCommand,
            // UPDATE ... FROM unnest), so this statement-level trigger sends one notification per up to 120 of them
            // (the entries stay "id:read:next", so instances of the previous release read them as before). Kept as a
            // trigger, not a NOTIFY sent by the writer: it announces every writer's updates (an older instance's in a
            // rolling upgrade, registrations, acknowledgements, stop-tracking), only once committed, in one place.
            // A row counts as "poll times only" when none of the columns a live view reads changed (the change feed
            // reads StoredScheduleLoader.TrackedRows); they are compared one by one, where the previous body compared
            // to_jsonb of both whole rows, raw answers included, inside the holder's transaction. RawJson, CreatedText
            // and EndedText are left out: only the detail page reads them, from the database. PostgreSqlChangeNotifyTests
            // checks that a change of any other column alone is sent as a bare id, so a new column cannot be missed.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION taskwatch_notify_job_updates() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE entries text;
                BEGIN
                    FOR entries IN
                        SELECT string_agg(entry, ',') FROM (
                            SELECT CASE
                                    WHEN (n."Project", n."JobId", n."Service", n."Source", n."RegisteredUtc", n."IsTracking", n."StoppedUtc", n."Name", n."State",
                                          n."StatusWord", n."Progress", n."CreatedUtc", n."EndedUtc", n."InstanceId", n."InstanceName", n."FailReason", n."EntitiesJson", n."Phase",
                                          n."LastChangeUtc", n."LastErrorOutcome", n."LastError", n."ErrorSinceUtc", n."ConsecutiveErrors", n."AckBy", n."AckUtc", n."AckNote")
                                        IS NOT DISTINCT FROM
                                        (o."Project", o."JobId", o."Service", o."Source", o."RegisteredUtc", o."IsTracking", o."StoppedUtc", o."Name", o."State",
                                          o."StatusWord", o."Progress", o."CreatedUtc", o."EndedUtc", o."InstanceId", o."InstanceName", o."FailReason", o."EntitiesJson", o."Phase",
                                          o."LastChangeUtc", o."LastErrorOutcome", o."LastError", o."ErrorSinceUtc", o."ConsecutiveErrors", o."AckBy", o."AckUtc", o."AckNote")
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
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION taskwatch_notify_job_updates() RETURNS trigger LANGUAGE plpgsql AS $$
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
                """);
        }
    }
}
