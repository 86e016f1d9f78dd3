using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskWatch.Migrations.PostgreSQL
{
    /// <inheritdoc />
    public partial class JobChangesNotify : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Issue 32, third step: an update that changed what a live view shows (status, progress, end, failure
            // reason, names, phase, error; entities, which the ETA reads) was sent as a bare id, and every other instance
            // read the row back. Now its entry carries the columns that changed, "id:<tag><value>:<tag><value>..."
            // (JobChangePayload lists the tags): numbers and UTC ticks in decimal, text as base64 of its UTF-8 (a cloud's
            // names and reasons may hold commas, colons, quotes, newlines, any Unicode; base64 has none of the
            // separators), "-" for null. Left as a bare id, read as before: a change of any other column the live view
            // reads (project, job id, tracking, acknowledgement), and an entry longer than 2000 bytes (a long failure
            // reason or entities). A row whose update changed only its poll times keeps "id:read:next". Entries are
            // packed into payloads of at most 7999 bytes (NOTIFY's limit is 8000), a write batch's in as few as fit. An
            // instance of the previous release reads a tagged entry's row (its parser reads the row of any entry it
            // cannot read, naming it in a warning).
            migrationBuilder.Sql("""
                CREATE FUNCTION taskwatch_notify_text(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT CASE WHEN value IS NULL THEN '-' ELSE translate(encode(convert_to(value, 'UTF8'), 'base64'), E'\n', '') END
                $$;
                CREATE OR REPLACE FUNCTION taskwatch_notify_job_updates() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    entry text;
                    payload text := '';
                BEGIN
                    FOR entry IN
                        SELECT CASE
                                WHEN (n."Project", n."JobId", n."Service", n."Source", n."RegisteredUtc", n."IsTracking", n."StoppedUtc", n."AckBy", n."AckUtc", n."AckNote")
                                    IS DISTINCT FROM
                                    (o."Project", o."JobId", o."Service", o."Source", o."RegisteredUtc", o."IsTracking", o."StoppedUtc", o."AckBy", o."AckUtc", o."AckNote")
                                THEN n."Id"::text
                                WHEN (n."Name", n."State", n."StatusWord", n."Progress", n."CreatedUtc", n."EndedUtc", n."InstanceId", n."InstanceName", n."FailReason", n."EntitiesJson",
                                      n."Phase", n."LastChangeUtc", n."LastErrorOutcome", n."LastError", n."ErrorSinceUtc", n."ConsecutiveErrors")
                                    IS NOT DISTINCT FROM
                                    (o."Name", o."State", o."StatusWord", o."Progress", o."CreatedUtc", o."EndedUtc", o."InstanceId", o."InstanceName", o."FailReason", o."EntitiesJson",
                                      o."Phase", o."LastChangeUtc", o."LastErrorOutcome", o."LastError", o."ErrorSinceUtc", o."ConsecutiveErrors")
                                THEN n."Id"::text || ':' || coalesce(n."LastReadUtc"::text, '') || ':' || coalesce(n."NextPollUtc"::text, '')
                                ELSE n."Id"::text
                                    || CASE WHEN n."State" IS DISTINCT FROM o."State" THEN ':s' || coalesce(n."State"::text, '-') ELSE '' END
                                    || CASE WHEN n."StatusWord" IS DISTINCT FROM o."StatusWord" THEN ':w' || taskwatch_notify_text(n."StatusWord") ELSE '' END
                                    || CASE WHEN n."Progress" IS DISTINCT FROM o."Progress" THEN ':p' || coalesce(n."Progress"::text, '-') ELSE '' END
                                    || CASE WHEN n."Name" IS DISTINCT FROM o."Name" THEN ':n' || taskwatch_notify_text(n."Name") ELSE '' END
                                    || CASE WHEN n."EndedUtc" IS DISTINCT FROM o."EndedUtc" THEN ':e' || coalesce(n."EndedUtc"::text, '-') ELSE '' END
                                    || CASE WHEN n."FailReason" IS DISTINCT FROM o."FailReason" THEN ':f' || taskwatch_notify_text(n."FailReason") ELSE '' END
                                    || CASE WHEN n."InstanceId" IS DISTINCT FROM o."InstanceId" THEN ':i' || taskwatch_notify_text(n."InstanceId") ELSE '' END
                                    || CASE WHEN n."InstanceName" IS DISTINCT FROM o."InstanceName" THEN ':m' || taskwatch_notify_text(n."InstanceName") ELSE '' END
                                    || CASE WHEN n."CreatedUtc" IS DISTINCT FROM o."CreatedUtc" THEN ':c' || coalesce(n."CreatedUtc"::text, '-') ELSE '' END
                                    || CASE WHEN n."LastChangeUtc" IS DISTINCT FROM o."LastChangeUtc" THEN ':l' || coalesce(n."LastChangeUtc"::text, '-') ELSE '' END
                                    || CASE WHEN n."Phase" IS DISTINCT FROM o."Phase" THEN ':h' || n."Phase"::text ELSE '' END
                                    || CASE WHEN n."LastReadUtc" IS DISTINCT FROM o."LastReadUtc" THEN ':r' || coalesce(n."LastReadUtc"::text, '-') ELSE '' END
                                    || CASE WHEN n."NextPollUtc" IS DISTINCT FROM o."NextPollUtc" THEN ':x' || coalesce(n."NextPollUtc"::text, '-') ELSE '' END
                                    -- The view's error text is made of both columns: they travel together.
                                    || CASE WHEN (n."LastErrorOutcome", n."LastError") IS DISTINCT FROM (o."LastErrorOutcome", o."LastError")
                                            THEN ':o' || coalesce(n."LastErrorOutcome"::text, '-') || ':g' || taskwatch_notify_text(n."LastError") ELSE '' END
                                    || CASE WHEN n."ErrorSinceUtc" IS DISTINCT FROM o."ErrorSinceUtc" THEN ':q' || coalesce(n."ErrorSinceUtc"::text, '-') ELSE '' END
                                    || CASE WHEN n."ConsecutiveErrors" IS DISTINCT FROM o."ConsecutiveErrors" THEN ':k' || n."ConsecutiveErrors"::text ELSE '' END
                                    || CASE WHEN n."EntitiesJson" IS DISTINCT FROM o."EntitiesJson" THEN ':j' || taskwatch_notify_text(n."EntitiesJson") ELSE '' END
                            END
                        FROM written n JOIN before o ON o."Id" = n."Id"
                    LOOP
                        IF octet_length(entry) > 2000 THEN
                            entry := split_part(entry, ':', 1);
                        END IF;
                        IF payload = '' THEN
                            payload := entry;
                        ELSIF octet_length(payload) + 1 + octet_length(entry) > 7999 THEN
                            PERFORM pg_notify('taskwatch_jobs', payload);
                            payload := entry;
                        ELSE
                            payload := payload || ',' || entry;
                        END IF;
                    END LOOP;
                    IF payload <> '' THEN
                        PERFORM pg_notify('taskwatch_jobs', payload);
                    END IF;
                    RETURN NULL;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The trigger's function as JobPollTimesBatch left it.
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
                DROP FUNCTION taskwatch_notify_text(text);
                """);
        }
    }
}
