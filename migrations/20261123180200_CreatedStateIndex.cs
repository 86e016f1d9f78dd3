using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using TaskWatch.Storage;

namespace TaskWatch.Migrations;

/// <summary>
/// The creation-time index also holds the state: a search by time range and status counts and
/// filters its jobs in the index instead of reading every job of the range.
/// </summary>
[DbContext(typeof(TaskWatchDbContext))]
[Migration("20261123180200_CreatedStateIndex")]
public sealed class CreatedStateIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_TrackedJobs_CreatedUtc", table: "TrackedJobs");
        migrationBuilder.CreateIndex(name: "IX_TrackedJobs_CreatedUtc_State", table: "TrackedJobs", columns: ["CreatedUtc", "State"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_TrackedJobs_CreatedUtc_State", table: "TrackedJobs");
        migrationBuilder.CreateIndex(name: "IX_TrackedJobs_CreatedUtc", table: "TrackedJobs", column: "CreatedUtc");
    }
}
