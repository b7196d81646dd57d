using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PolicyHub.Data.Migrations.SqlServer.Web
{
    /// <inheritdoc />
    public partial class AssignmentDashboardIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AcknowledgementRequests_AssignmentId_Status",
                table: "AcknowledgementRequests");

            migrationBuilder.CreateIndex(
                name: "IX_AcknowledgementRequests_TenantId_AssignmentId_Status_DueAt_AcknowledgedAt_MembershipId",
                table: "AcknowledgementRequests",
                columns: new[] { "TenantId", "AssignmentId", "Status", "DueAt", "AcknowledgedAt", "MembershipId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AcknowledgementRequests_TenantId_AssignmentId_Status_DueAt_AcknowledgedAt_MembershipId",
                table: "AcknowledgementRequests");

            migrationBuilder.CreateIndex(
                name: "IX_AcknowledgementRequests_AssignmentId_Status",
                table: "AcknowledgementRequests",
                columns: new[] { "AssignmentId", "Status" });
        }
    }
}
