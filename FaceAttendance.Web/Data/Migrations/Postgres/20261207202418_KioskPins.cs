using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FaceAttendance.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KioskPins : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "PinsDisabled",
                table: "Sites",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "PinHash",
                table: "People",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Method",
                table: "AttendanceEvents",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "Face");

            migrationBuilder.AddColumn<string>(
                name: "PinFaceCheck",
                table: "AttendanceEvents",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PinsDisabled",
                table: "Sites");

            migrationBuilder.DropColumn(
                name: "PinHash",
                table: "People");

            migrationBuilder.DropColumn(
                name: "Method",
                table: "AttendanceEvents");

            migrationBuilder.DropColumn(
                name: "PinFaceCheck",
                table: "AttendanceEvents");
        }
    }
}
