using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FaceAttendance.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PunchModes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<TimeSpan>(
                name: "MinimumGap",
                table: "Sites",
                type: "interval",
                nullable: false,
                // an existing site keeps in/out alternating, with the default gap (Punches.DefaultMinimumGap)
                defaultValue: new TimeSpan(0, 0, 30, 0, 0));

            migrationBuilder.AddColumn<string>(
                name: "PunchMode",
                table: "Sites",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Automatic");

            // "BreakStart" and "BreakEnd" are longer than "In" and "Out"
            migrationBuilder.AlterColumn<string>(
                name: "Kind",
                table: "AttendanceEvents",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(8)",
                oldMaxLength: 8);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MinimumGap",
                table: "Sites");

            migrationBuilder.DropColumn(
                name: "PunchMode",
                table: "Sites");

            migrationBuilder.AlterColumn<string>(
                name: "Kind",
                table: "AttendanceEvents",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(16)",
                oldMaxLength: 16);
        }
    }
}
