using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PolicyHub.Data.Migrations.SqlServer.Web
{
    /// <inheritdoc />
    public partial class ReportIndexesInPersonOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Acknowledgements_TenantId_PolicyVersionId_AcknowledgedAt_MembershipId",
                table: "Acknowledgements");

            migrationBuilder.DropIndex(
                name: "IX_AcknowledgementRequests_TenantId_PolicyVersionId_CreatedAt_Status_WithdrawnAt_MembershipId_DueAt",
                table: "AcknowledgementRequests");

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_TenantId_Id_DisplayName",
                table: "Memberships",
                columns: new[] { "TenantId", "Id", "DisplayName" });

            migrationBuilder.CreateIndex(
                name: "IX_Acknowledgements_TenantId_PolicyVersionId_MembershipId_AcknowledgedAt",
                table: "Acknowledgements",
                columns: new[] { "TenantId", "PolicyVersionId", "MembershipId", "AcknowledgedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AcknowledgementRequests_TenantId_PolicyVersionId_MembershipId_CreatedAt_Status_WithdrawnAt_DueAt",
                table: "AcknowledgementRequests",
                columns: new[] { "TenantId", "PolicyVersionId", "MembershipId", "CreatedAt", "Status", "WithdrawnAt", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Memberships_TenantId_Id_DisplayName",
                table: "Memberships");

            migrationBuilder.DropIndex(
                name: "IX_Acknowledgements_TenantId_PolicyVersionId_MembershipId_AcknowledgedAt",
                table: "Acknowledgements");

            migrationBuilder.DropIndex(
                name: "IX_AcknowledgementRequests_TenantId_PolicyVersionId_MembershipId_CreatedAt_Status_WithdrawnAt_DueAt",
                table: "AcknowledgementRequests");

            migrationBuilder.CreateIndex(
                name: "IX_Acknowledgements_TenantId_PolicyVersionId_AcknowledgedAt_MembershipId",
                table: "Acknowledgements",
                columns: new[] { "TenantId", "PolicyVersionId", "AcknowledgedAt", "MembershipId" });

            migrationBuilder.CreateIndex(
                name: "IX_AcknowledgementRequests_TenantId_PolicyVersionId_CreatedAt_Status_WithdrawnAt_MembershipId_DueAt",
                table: "AcknowledgementRequests",
                columns: new[] { "TenantId", "PolicyVersionId", "CreatedAt", "Status", "WithdrawnAt", "MembershipId", "DueAt" });
        }
    }
}
