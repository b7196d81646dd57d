using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PolicyHub.Data.Migrations.Sqlite.Web
{
    /// <inheritdoc />
    public partial class DraftSaves : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DraftSavedAt",
                table: "PolicyVersions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DraftSavedBy",
                table: "PolicyVersions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "EditSession",
                table: "PolicyVersions",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DraftSavedAt",
                table: "PolicyVersions");

            migrationBuilder.DropColumn(
                name: "DraftSavedBy",
                table: "PolicyVersions");

            migrationBuilder.DropColumn(
                name: "EditSession",
                table: "PolicyVersions");
        }
    }
}
