using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PolicyHub.Data.Migrations.SqlServer.Web
{
    /// <inheritdoc />
    public partial class AuditSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "PolicyId",
                table: "AuditEvents",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Summary",
                table: "AuditEvents",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_TenantId_Action_Sequence",
                table: "AuditEvents",
                columns: new[] { "TenantId", "Action", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_TenantId_Actor_Sequence",
                table: "AuditEvents",
                columns: new[] { "TenantId", "Actor", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_TenantId_EntityId_Sequence",
                table: "AuditEvents",
                columns: new[] { "TenantId", "EntityId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_TenantId_PolicyId_Sequence",
                table: "AuditEvents",
                columns: new[] { "TenantId", "PolicyId", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_TenantId_Action_Sequence",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_TenantId_Actor_Sequence",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_TenantId_EntityId_Sequence",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_TenantId_PolicyId_Sequence",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "PolicyId",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "Summary",
                table: "AuditEvents");
        }
    }
}
