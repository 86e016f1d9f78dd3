using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskWatch.Migrations
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
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AckNote",
                table: "TrackedJobs",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AckUtc",
                table: "TrackedJobs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AckBy",
                table: "JobSnapshots",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AckChange",
                table: "JobSnapshots",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AckNote",
                table: "JobSnapshots",
                type: "TEXT",
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
