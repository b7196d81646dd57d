using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PolicyHub.Data.Migrations.SqlServer.Web
{
    /// <inheritdoc />
    public partial class RequestUnits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AcknowledgementRequests_TenantId_AssignmentId_Status_DueAt_AcknowledgedAt_MembershipId",
                table: "AcknowledgementRequests");

            migrationBuilder.AddColumn<Guid>(
                name: "DepartmentId",
                table: "AcknowledgementRequests",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "LocationId",
                table: "AcknowledgementRequests",
                type: "uniqueidentifier",
                nullable: true);

            // Existing requests take their person's current unit (the dashboard counts by it from now on).
            migrationBuilder.Sql(
                """
                UPDATE r SET r.DepartmentId = m.DepartmentId, r.LocationId = m.LocationId
                FROM AcknowledgementRequests AS r INNER JOIN Memberships AS m ON m.Id = r.MembershipId
                """);

            migrationBuilder.CreateIndex(
                name: "IX_AcknowledgementRequests_TenantId_AssignmentId_Status_DueAt_DepartmentId_LocationId_AcknowledgedAt_MembershipId",
                table: "AcknowledgementRequests",
                columns: new[] { "TenantId", "AssignmentId", "Status", "DueAt", "DepartmentId", "LocationId", "AcknowledgedAt", "MembershipId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AcknowledgementRequests_TenantId_AssignmentId_Status_DueAt_DepartmentId_LocationId_AcknowledgedAt_MembershipId",
                table: "AcknowledgementRequests");

            migrationBuilder.DropColumn(
                name: "DepartmentId",
                table: "AcknowledgementRequests");

            migrationBuilder.DropColumn(
                name: "LocationId",
                table: "AcknowledgementRequests");

            migrationBuilder.CreateIndex(
                name: "IX_AcknowledgementRequests_TenantId_AssignmentId_Status_DueAt_AcknowledgedAt_MembershipId",
                table: "AcknowledgementRequests",
                columns: new[] { "TenantId", "AssignmentId", "Status", "DueAt", "AcknowledgedAt", "MembershipId" });
        }
    }
}
