using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using TaskWatch.Storage;

#nullable disable

namespace TaskWatch.Migrations.PostgreSQL
{
    /// <summary>
    /// The whole schema on PostgreSQL, as the SQLite migrations left it, and what EF Core cannot model: the
    /// trigger that keeps the distinct job names (<see cref="JobName"/>), the pg_trgm index of the
    /// instance-name search (<see cref="JobNameSearch.PostgreSqlIndex"/>) and the list-order indexes on an
    /// expression (<see cref="JobListOrder"/>).
    /// </summary>
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:citext", ",,")
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "AlertDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Project = table.Column<string>(type: "citext", maxLength: 64, nullable: false),
                    JobId = table.Column<string>(type: "citext", maxLength: 64, nullable: false),
                    Event = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Channel = table.Column<string>(type: "citext", maxLength: 128, nullable: false),
                    Rule = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    JobName = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    CreatedUtc = table.Column<long>(type: "bigint", nullable: false),
                    LastAttemptUtc = table.Column<long>(type: "bigint", nullable: true),
                    DeliveredUtc = table.Column<long>(type: "bigint", nullable: true),
                    LastError = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertDeliveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JobNames",
                columns: table => new
                {
                    Name = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobNames", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "TrackedJobs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Project = table.Column<string>(type: "citext", maxLength: 64, nullable: false),
                    JobId = table.Column<string>(type: "citext", maxLength: 64, nullable: false),
                    Service = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    RegisteredUtc = table.Column<long>(type: "bigint", nullable: false),
                    IsTracking = table.Column<bool>(type: "boolean", nullable: false),
                    StoppedUtc = table.Column<long>(type: "bigint", nullable: true),
                    Name = table.Column<string>(type: "text", nullable: true),
                    State = table.Column<int>(type: "integer", nullable: true),
                    StatusWord = table.Column<string>(type: "text", nullable: true),
                    Progress = table.Column<int>(type: "integer", nullable: true),
                    CreatedUtc = table.Column<long>(type: "bigint", nullable: true),
                    CreatedText = table.Column<string>(type: "text", nullable: true),
                    EndedUtc = table.Column<long>(type: "bigint", nullable: true),
                    EndedText = table.Column<string>(type: "text", nullable: true),
                    InstanceId = table.Column<string>(type: "text", nullable: true),
                    InstanceName = table.Column<string>(type: "text", nullable: true),
                    FailReason = table.Column<string>(type: "text", nullable: true),
                    EntitiesJson = table.Column<string>(type: "text", nullable: true),
                    RawJson = table.Column<string>(type: "text", nullable: true),
                    Phase = table.Column<int>(type: "integer", nullable: false),
                    LastReadUtc = table.Column<long>(type: "bigint", nullable: true),
                    LastPolledUtc = table.Column<long>(type: "bigint", nullable: true),
                    NextPollUtc = table.Column<long>(type: "bigint", nullable: true),
                    LastChangeUtc = table.Column<long>(type: "bigint", nullable: true),
                    LastErrorOutcome = table.Column<int>(type: "integer", nullable: true),
                    LastError = table.Column<string>(type: "text", nullable: true),
                    ErrorSinceUtc = table.Column<long>(type: "bigint", nullable: true),
                    ConsecutiveErrors = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrackedJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JobSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TrackedJobId = table.Column<long>(type: "bigint", nullable: false),
                    ObservedUtc = table.Column<long>(type: "bigint", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    StatusWord = table.Column<string>(type: "text", nullable: true),
                    Progress = table.Column<int>(type: "integer", nullable: true),
                    Name = table.Column<string>(type: "text", nullable: true),
                    EndedUtc = table.Column<long>(type: "bigint", nullable: true),
                    FailReason = table.Column<string>(type: "text", nullable: true),
                    EntitiesJson = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobSnapshots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JobSnapshots_TrackedJobs_TrackedJobId",
                        column: x => x.TrackedJobId,
                        principalTable: "TrackedJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AlertDeliveries_CreatedUtc",
                table: "AlertDeliveries",
                column: "CreatedUtc");

            migrationBuilder.CreateIndex(
                name: "IX_AlertDeliveries_Project_JobId_Event_Channel",
                table: "AlertDeliveries",
                columns: new[] { "Project", "JobId", "Event", "Channel" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JobSnapshots_ObservedUtc",
                table: "JobSnapshots",
                column: "ObservedUtc");

            migrationBuilder.CreateIndex(
                name: "IX_JobSnapshots_TrackedJobId_ObservedUtc",
                table: "JobSnapshots",
                columns: new[] { "TrackedJobId", "ObservedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_TrackedJobs_CreatedUtc_State",
                table: "TrackedJobs",
                columns: new[] { "CreatedUtc", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_TrackedJobs_InstanceName",
                table: "TrackedJobs",
                column: "InstanceName");

            migrationBuilder.CreateIndex(
                name: "IX_TrackedJobs_IsTracking_State",
                table: "TrackedJobs",
                columns: new[] { "IsTracking", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_TrackedJobs_Project_JobId",
                table: "TrackedJobs",
                columns: new[] { "Project", "JobId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrackedJobs_RegisteredUtc",
                table: "TrackedJobs",
                column: "RegisteredUtc");

            // ON CONFLICT DO NOTHING: two instances may store the first job of a new name at once.
            migrationBuilder.Sql("""
                CREATE FUNCTION "JobNames_Add"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO "JobNames"("Name") VALUES (NEW."Name") ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "JobNames_AfterInsert" AFTER INSERT ON "TrackedJobs"
                FOR EACH ROW WHEN (NEW."Name" IS NOT NULL) EXECUTE FUNCTION "JobNames_Add"();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "JobNames_AfterUpdate" AFTER UPDATE OF "Name" ON "TrackedJobs"
                FOR EACH ROW WHEN (NEW."Name" IS NOT NULL AND NEW."Name" IS DISTINCT FROM OLD."Name") EXECUTE FUNCTION "JobNames_Add"();
                """);
            migrationBuilder.Sql($"""CREATE INDEX "{JobNameSearch.PostgreSqlIndex}" ON "TrackedJobs" USING gin ("InstanceName" gin_trgm_ops);""");

            // As on SQLite: the index order is the whole ORDER BY (key DESC, Id ASC); the filter columns ride along.
            migrationBuilder.Sql($"""CREATE INDEX "{JobListOrder.Index}" ON "TrackedJobs" (({JobListOrder.Expression}) DESC, "Id") INCLUDE ("State", "Service", "IsTracking");""");
            migrationBuilder.Sql($"""CREATE INDEX "{JobListOrder.ProjectIndex}" ON "TrackedJobs" ("Project", ({JobListOrder.Expression}) DESC, "Id");""");
            migrationBuilder.Sql($"""CREATE INDEX "{JobListOrder.NameIndex}" ON "TrackedJobs" ("Name", ({JobListOrder.Expression}) DESC, "Id");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The indexes and triggers on TrackedJobs go with the table; the function does not.
            migrationBuilder.Sql("""DROP TRIGGER "JobNames_AfterUpdate" ON "TrackedJobs";""");
            migrationBuilder.Sql("""DROP TRIGGER "JobNames_AfterInsert" ON "TrackedJobs";""");
            migrationBuilder.Sql("""DROP FUNCTION "JobNames_Add"();""");

            migrationBuilder.DropTable(
                name: "AlertDeliveries");

            migrationBuilder.DropTable(
                name: "JobNames");

            migrationBuilder.DropTable(
                name: "JobSnapshots");

            migrationBuilder.DropTable(
                name: "TrackedJobs");
        }
    }
}
