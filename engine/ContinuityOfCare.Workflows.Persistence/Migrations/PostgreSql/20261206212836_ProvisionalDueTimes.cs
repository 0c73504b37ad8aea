using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ContinuityOfCare.Workflows.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ProvisionalDueTimes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "DueProvisional",
                table: "timers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "DueProvisional",
                table: "actions",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DueProvisional",
                table: "timers");

            migrationBuilder.DropColumn(
                name: "DueProvisional",
                table: "actions");
        }
    }
}
