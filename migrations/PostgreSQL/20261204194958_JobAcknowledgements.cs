using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskWatch.Migrations.PostgreSQL
{
    /// <inheritdoc />
    public partial class JobAcknowledgements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AckBy",
                table: "TrackedJobs",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AckNote",
                table: "TrackedJobs",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AckUtc",
                table: "TrackedJobs",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AckBy",
                table: "JobSnapshots",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AckChange",
                table: "JobSnapshots",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AckNote",
                table: "JobSnapshots",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrackedJobs_InstanceId_Project",
                table: "TrackedJobs",
                columns: new[] { "InstanceId", "Project" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TrackedJobs_InstanceId_Project",
                table: "TrackedJobs");

            migrationBuilder.DropColumn(
                name: "AckBy",
                table: "TrackedJobs");

            migrationBuilder.DropColumn(
                name: "AckNote",
                table: "TrackedJobs");

            migrationBuilder.DropColumn(
                name: "AckUtc",
                table: "TrackedJobs");

            migrationBuilder.DropColumn(
                name: "AckBy",
                table: "JobSnapshots");

            migrationBuilder.DropColumn(
                name: "AckChange",
                table: "JobSnapshots");

            migrationBuilder.DropColumn(
                name: "AckNote",
                table: "JobSnapshots");
        }
    }
}
