using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FaceAttendance.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KioskPairing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CaptureId",
                table: "ScanDecisions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "KioskId",
                table: "ScanDecisions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SnapshotSha256",
                table: "ScanDecisions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "KioskId",
                table: "AttendanceEvents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Kiosks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Site = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PairingCodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PairingCodeExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PairedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PublicKey = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    LastContactAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SilentFrom = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SilentUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Kiosks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ScanDecisions_KioskId_CaptureId",
                table: "ScanDecisions",
                columns: new[] { "KioskId", "CaptureId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AttendanceEvents_KioskId",
                table: "AttendanceEvents",
                column: "KioskId");

            migrationBuilder.CreateIndex(
                name: "IX_Kiosks_PairingCodeHash",
                table: "Kiosks",
                column: "PairingCodeHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Kiosks");

            migrationBuilder.DropIndex(
                name: "IX_ScanDecisions_KioskId_CaptureId",
                table: "ScanDecisions");

            migrationBuilder.DropIndex(
                name: "IX_AttendanceEvents_KioskId",
                table: "AttendanceEvents");

            migrationBuilder.DropColumn(
                name: "CaptureId",
                table: "ScanDecisions");

            migrationBuilder.DropColumn(
                name: "KioskId",
                table: "ScanDecisions");

            migrationBuilder.DropColumn(
                name: "SnapshotSha256",
                table: "ScanDecisions");

            migrationBuilder.DropColumn(
                name: "KioskId",
                table: "AttendanceEvents");
        }
    }
}
