using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskWatch.Migrations
{
    /// <inheritdoc />
    public partial class SnapshotRetentionVacuum : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Retention frees pages (src/Storage/SnapshotRetention); incremental auto-vacuum lets it give them
            // back to the file system. The mode is kept in the file header, and an existing file takes it only
            // from a VACUUM, which SQLite refuses inside a transaction. A large file is rewritten once, here.
            // One operation (EF warns about a migration that mixes one outside a transaction with others);
            // cut short, it is simply run again: both statements can be repeated.
            migrationBuilder.Sql("PRAGMA auto_vacuum = INCREMENTAL; VACUUM;", suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("PRAGMA auto_vacuum = NONE; VACUUM;", suppressTransaction: true);
        }
    }
}
