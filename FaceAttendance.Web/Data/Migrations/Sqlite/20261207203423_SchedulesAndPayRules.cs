using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FaceAttendance.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SchedulesAndPayRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PayRuleSets",
                columns: table => new
                {
                    Scope = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RoundToMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Rounding = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Breaks = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DeductBreakAfterMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    DeductedBreakMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    DailyOvertimeAfterMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    WeeklyOvertimeAfterMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    AutoCloseAfterMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayRuleSets", x => x.Scope);
                    table.ForeignKey(
                        name: "FK_PayRuleSets_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PayRuleSets_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScheduledShifts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Weekday = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Start = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    End = table.Column<TimeOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScheduledShifts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScheduledShifts_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ScheduledShifts_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PayRuleSets_DepartmentId",
                table: "PayRuleSets",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_PayRuleSets_SiteId",
                table: "PayRuleSets",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_ScheduledShifts_DepartmentId",
                table: "ScheduledShifts",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_ScheduledShifts_PersonId",
                table: "ScheduledShifts",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PayRuleSets");

            migrationBuilder.DropTable(
                name: "ScheduledShifts");
        }
    }
}
