using Microsoft.EntityFrameworkCore.Migrations;
using TaskWatch.Storage;

#nullable disable

namespace TaskWatch.Migrations
{
    /// <summary>
    /// Indexes in the order searches list jobs (<see cref="JobListOrder"/>), so a page reads its rows in
    /// order instead of sorting every match. EF Core cannot model an index on an expression, so they
    /// are SQL; the one on the name replaces the plain name index, which it includes.
    /// </summary>
    public partial class JobListOrderIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TrackedJobs_Name",
                table: "TrackedJobs");

            // Id is named after the sort key so that the index order is the whole ORDER BY (key DESC, Id ASC).
            migrationBuilder.Sql($"""CREATE INDEX "{JobListOrder.Index}" ON "TrackedJobs" ({JobListOrder.Expression} DESC, "Id", "State", "Service", "IsTracking");""");
            migrationBuilder.Sql($"""CREATE INDEX "{JobListOrder.ProjectIndex}" ON "TrackedJobs" ("Project", {JobListOrder.Expression} DESC, "Id");""");
            migrationBuilder.Sql($"""CREATE INDEX "{JobListOrder.NameIndex}" ON "TrackedJobs" ("Name", {JobListOrder.Expression} DESC, "Id");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""DROP INDEX "{JobListOrder.NameIndex}";""");
            migrationBuilder.Sql($"""DROP INDEX "{JobListOrder.ProjectIndex}";""");
            migrationBuilder.Sql($"""DROP INDEX "{JobListOrder.Index}";""");

            migrationBuilder.CreateIndex(
                name: "IX_TrackedJobs_Name",
                table: "TrackedJobs",
                column: "Name");
        }
    }
}
