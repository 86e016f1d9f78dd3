using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskWatch.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TrackedJobs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Project = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false, collation: "NOCASE"),
                    JobId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false, collation: "NOCASE"),
                    Service = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    RegisteredUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    IsTracking = table.Column<bool>(type: "INTEGER", nullable: false),
                    StoppedUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    Name = table.Column<string>(type: "TEXT", nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: true),
                    StatusWord = table.Column<string>(type: "TEXT", nullable: true),
                    Progress = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedText = table.Column<string>(type: "TEXT", nullable: true),
                    EndedUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedText = table.Column<string>(type: "TEXT", nullable: true),
                    InstanceId = table.Column<string>(type: "TEXT", nullable: true),
                    InstanceName = table.Column<string>(type: "TEXT", nullable: true),
                    FailReason = table.Column<string>(type: "TEXT", nullable: true),
                    EntitiesJson = table.Column<string>(type: "TEXT", nullable: true),
                    RawJson = table.Column<string>(type: "TEXT", nullable: true),
                    Phase = table.Column<int>(type: "INTEGER", nullable: false),
                    LastReadUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    LastPolledUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    NextPollUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    LastChangeUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    LastErrorOutcome = table.Column<int>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", nullable: true),
                    ErrorSinceUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    ConsecutiveErrors = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrackedJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JobSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TrackedJobId = table.Column<long>(type: "INTEGER", nullable: false),
                    ObservedUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    StatusWord = table.Column<string>(type: "TEXT", nullable: true),
                    Progress = table.Column<int>(type: "INTEGER", nullable: true),
                    Name = table.Column<string>(type: "TEXT", nullable: true),
                    EndedUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    FailReason = table.Column<string>(type: "TEXT", nullable: true),
                    EntitiesJson = table.Column<string>(type: "TEXT", nullable: true)
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
                name: "IX_JobSnapshots_ObservedUtc",
                table: "JobSnapshots",
                column: "ObservedUtc");

            migrationBuilder.CreateIndex(
                name: "IX_JobSnapshots_TrackedJobId_ObservedUtc",
                table: "JobSnapshots",
                columns: new[] { "TrackedJobId", "ObservedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_TrackedJobs_CreatedUtc",
                table: "TrackedJobs",
                column: "CreatedUtc");

            migrationBuilder.CreateIndex(
                name: "IX_TrackedJobs_InstanceName",
                table: "TrackedJobs",
                column: "InstanceName");

            migrationBuilder.CreateIndex(
                name: "IX_TrackedJobs_IsTracking_State",
                table: "TrackedJobs",
                columns: new[] { "IsTracking", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_TrackedJobs_Name",
                table: "TrackedJobs",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_TrackedJobs_Project_JobId",
                table: "TrackedJobs",
                columns: new[] { "Project", "JobId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrackedJobs_RegisteredUtc",
                table: "TrackedJobs",
                column: "RegisteredUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "JobSnapshots");

            migrationBuilder.DropTable(
                name: "TrackedJobs");
        }
    }
}
