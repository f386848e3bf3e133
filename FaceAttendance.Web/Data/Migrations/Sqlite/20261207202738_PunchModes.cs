using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FaceAttendance.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: false,
                // an existing site keeps in/out alternating, with the default gap (Punches.DefaultMinimumGap)
                defaultValue: new TimeSpan(0, 0, 30, 0, 0));

            migrationBuilder.AddColumn<string>(
                name: "PunchMode",
                table: "Sites",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Automatic");
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
        }
    }
}
