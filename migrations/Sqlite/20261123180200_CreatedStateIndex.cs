using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskWatch.Migrations
{
    /// <inheritdoc />
    public partial class CreatedStateIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TrackedJobs_CreatedUtc",
                table: "TrackedJobs");

            migrationBuilder.CreateIndex(
                name: "IX_TrackedJobs_CreatedUtc_State",
                table: "TrackedJobs",
                columns: new[] { "CreatedUtc", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TrackedJobs_CreatedUtc_State",
                table: "TrackedJobs");

            migrationBuilder.CreateIndex(
                name: "IX_TrackedJobs_CreatedUtc",
                table: "TrackedJobs",
                column: "CreatedUtc");
        }
    }
}
