using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContinuityOfCare.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PathwayVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pathway_drafts",
                columns: table => new
                {
                    PathwayId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Partnership = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    SavedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SavedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pathway_drafts", x => new { x.PathwayId, x.Partnership });
                });

            migrationBuilder.CreateTable(
                name: "pathway_versions",
                columns: table => new
                {
                    PathwayId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Partnership = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", nullable: false),
                    SourceText = table.Column<string>(type: "TEXT", nullable: false),
                    DefinitionJson = table.Column<string>(type: "TEXT", nullable: false),
                    RetractedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RetractedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RetractionReason = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pathway_versions", x => new { x.PathwayId, x.Partnership, x.Number });
                });

            migrationBuilder.CreateIndex(
                name: "IX_pathway_versions_PathwayId_ContentHash",
                table: "pathway_versions",
                columns: new[] { "PathwayId", "ContentHash" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pathway_drafts");

            migrationBuilder.DropTable(
                name: "pathway_versions");
        }
    }
}
