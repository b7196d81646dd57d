using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PolicyHub.Data.Migrations.Sqlite.Web
{
    /// <inheritdoc />
    public partial class ComplianceReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Acknowledgements_TenantId_PolicyVersionId_AcknowledgedAt",
                table: "Acknowledgements");

            migrationBuilder.DropIndex(
                name: "IX_AcknowledgementRequests_TenantId_PolicyVersionId_Status",
                table: "AcknowledgementRequests");

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_TenantId_DisplayName_Id",
                table: "Memberships",
                columns: new[] { "TenantId", "DisplayName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Acknowledgements_TenantId_PolicyVersionId_AcknowledgedAt_MembershipId",
                table: "Acknowledgements",
                columns: new[] { "TenantId", "PolicyVersionId", "AcknowledgedAt", "MembershipId" });

            migrationBuilder.CreateIndex(
                name: "IX_AcknowledgementRequests_TenantId_PolicyVersionId_CreatedAt_Status_WithdrawnAt_MembershipId_DueAt",
                table: "AcknowledgementRequests",
                columns: new[] { "TenantId", "PolicyVersionId", "CreatedAt", "Status", "WithdrawnAt", "MembershipId", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Memberships_TenantId_DisplayName_Id",
                table: "Memberships");

            migrationBuilder.DropIndex(
                name: "IX_Acknowledgements_TenantId_PolicyVersionId_AcknowledgedAt_MembershipId",
                table: "Acknowledgements");

            migrationBuilder.DropIndex(
                name: "IX_AcknowledgementRequests_TenantId_PolicyVersionId_CreatedAt_Status_WithdrawnAt_MembershipId_DueAt",
                table: "AcknowledgementRequests");

            migrationBuilder.CreateIndex(
                name: "IX_Acknowledgements_TenantId_PolicyVersionId_AcknowledgedAt",
                table: "Acknowledgements",
                columns: new[] { "TenantId", "PolicyVersionId", "AcknowledgedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AcknowledgementRequests_TenantId_PolicyVersionId_Status",
                table: "AcknowledgementRequests",
                columns: new[] { "TenantId", "PolicyVersionId", "Status" });
        }
    }
}
