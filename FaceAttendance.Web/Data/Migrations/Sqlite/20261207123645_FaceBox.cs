using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FaceAttendance.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FaceBox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Box_Height",
                table: "Faces",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Box_PhotoHeight",
                table: "Faces",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Box_PhotoWidth",
                table: "Faces",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Box_Width",
                table: "Faces",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Box_X",
                table: "Faces",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Box_Y",
                table: "Faces",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Box_Height",
                table: "Faces");

            migrationBuilder.DropColumn(
                name: "Box_PhotoHeight",
                table: "Faces");

            migrationBuilder.DropColumn(
                name: "Box_PhotoWidth",
                table: "Faces");

            migrationBuilder.DropColumn(
                name: "Box_Width",
                table: "Faces");

            migrationBuilder.DropColumn(
                name: "Box_X",
                table: "Faces");

            migrationBuilder.DropColumn(
                name: "Box_Y",
                table: "Faces");
        }
    }
}
