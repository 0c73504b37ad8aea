using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContinuityOfCare.Workflows.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ReportFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ReleasedAt",
                table: "instances",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "WindowEndsAt",
                table: "instances",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "stays",
                columns: table => new
                {
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Partnership = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    PathwayId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    State = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EnteredAt = table.Column<long>(type: "bigint", nullable: false),
                    LeftAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stays", x => new { x.InstanceId, x.Sequence });
                });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_Partnership_CreatedAt_Id",
                table: "outbox",
                columns: new[] { "Partnership", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_instances_Partnership_StartedAt_Id",
                table: "instances",
                columns: new[] { "Partnership", "StartedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_instances_released",
                table: "instances",
                columns: new[] { "Partnership", "PathwayId", "ReleasedAt" },
                filter: "\"ReleasedAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_actions_due",
                table: "actions",
                columns: new[] { "Partnership", "DueAt" },
                filter: "\"DueAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_stays_Partnership_PathwayId_EnteredAt",
                table: "stays",
                columns: new[] { "Partnership", "PathwayId", "EnteredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stays");

            migrationBuilder.DropIndex(
                name: "IX_outbox_Partnership_CreatedAt_Id",
                table: "outbox");

            migrationBuilder.DropIndex(
                name: "IX_instances_Partnership_StartedAt_Id",
                table: "instances");

            migrationBuilder.DropIndex(
                name: "IX_instances_released",
                table: "instances");

            migrationBuilder.DropIndex(
                name: "IX_actions_due",
                table: "actions");

            migrationBuilder.DropColumn(
                name: "ReleasedAt",
                table: "instances");

            migrationBuilder.DropColumn(
                name: "WindowEndsAt",
                table: "instances");
        }
    }
}
