using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PolicyHub.Data.Migrations.SqlServer.Web
{
    /// <inheritdoc />
    /// <summary>Acknowledgements with their evidence, reminder schedules and digests, the scheduler lease; existing rows get the default schedule (7 and 1 days before, every 3 days overdue).</summary>
    public partial class Acknowledgements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Assignments_PolicyId",
                table: "Assignments");

            migrationBuilder.AddColumn<int>(
                name: "OverdueReminderDays",
                table: "Tenants",
                type: "int",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<string>(
                name: "ReminderDaysBefore",
                table: "Tenants",
                type: "nvarchar(50)",
                maxLength: 50,
                nullable: false,
                defaultValue: "7,1");

            migrationBuilder.AddColumn<bool>(
                name: "RequireTypedName",
                table: "Tenants",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ManagerEmail",
                table: "Memberships",
                type: "nvarchar(320)",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "EscalateToManagers",
                table: "Assignments",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "OverdueReminderDays",
                table: "Assignments",
                type: "int",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<string>(
                name: "ReminderDaysBefore",
                table: "Assignments",
                type: "nvarchar(50)",
                maxLength: 50,
                nullable: false,
                defaultValue: "7,1");

            migrationBuilder.AddColumn<Guid>(
                name: "AcknowledgementId",
                table: "AcknowledgementRequests",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "EscalatedAt",
                table: "AcknowledgementRequests",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastRemindedAt",
                table: "AcknowledgementRequests",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ManagerEscalatedAt",
                table: "AcknowledgementRequests",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextReminderAt",
                table: "AcknowledgementRequests",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RemindersSent",
                table: "AcknowledgementRequests",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "Acknowledgements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RequestId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MembershipId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PolicyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PolicyVersionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    VersionNumber = table.Column<int>(type: "int", nullable: false),
                    ContentHash = table.Column<byte[]>(type: "binary(32)", fixedLength: true, maxLength: 32, nullable: false),
                    Statement = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Language = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    Method = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    TypedName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    AcknowledgedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    DisplayName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "nvarchar(320)", maxLength: 320, nullable: false),
                    IpAddress = table.Column<string>(type: "nvarchar(45)", maxLength: 45, nullable: true),
                    UserAgent = table.Column<string>(type: "nvarchar(512)", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Acknowledgements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Acknowledgements_AcknowledgementRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "AcknowledgementRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Acknowledgements_Memberships_MembershipId",
                        column: x => x.MembershipId,
                        principalTable: "Memberships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Acknowledgements_Policies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "Policies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Acknowledgements_PolicyVersions_PolicyVersionId",
                        column: x => x.PolicyVersionId,
                        principalTable: "PolicyVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Acknowledgements_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReminderDigests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Recipient = table.Column<string>(type: "nvarchar(320)", maxLength: 320, nullable: false),
                    Day = table.Column<DateTime>(type: "datetime2", nullable: false),
                    SentAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Requests = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReminderDigests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReminderDigests_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SchedulerLeases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Holder = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SchedulerLeases", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_PolicyId_Status",
                table: "Assignments",
                columns: new[] { "PolicyId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AcknowledgementRequests_TenantId_PolicyVersionId_Status",
                table: "AcknowledgementRequests",
                columns: new[] { "TenantId", "PolicyVersionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AcknowledgementRequests_TenantId_Status_DueAt",
                table: "AcknowledgementRequests",
                columns: new[] { "TenantId", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AcknowledgementRequests_TenantId_Status_NextReminderAt",
                table: "AcknowledgementRequests",
                columns: new[] { "TenantId", "Status", "NextReminderAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Acknowledgements_MembershipId_PolicyVersionId",
                table: "Acknowledgements",
                columns: new[] { "MembershipId", "PolicyVersionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Acknowledgements_PolicyId",
                table: "Acknowledgements",
                column: "PolicyId");

            migrationBuilder.CreateIndex(
                name: "IX_Acknowledgements_PolicyVersionId",
                table: "Acknowledgements",
                column: "PolicyVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_Acknowledgements_RequestId",
                table: "Acknowledgements",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_Acknowledgements_TenantId_MembershipId_AcknowledgedAt",
                table: "Acknowledgements",
                columns: new[] { "TenantId", "MembershipId", "AcknowledgedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Acknowledgements_TenantId_PolicyVersionId_AcknowledgedAt",
                table: "Acknowledgements",
                columns: new[] { "TenantId", "PolicyVersionId", "AcknowledgedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReminderDigests_TenantId_Kind_Recipient_Day",
                table: "ReminderDigests",
                columns: new[] { "TenantId", "Kind", "Recipient", "Day" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Acknowledgements");

            migrationBuilder.DropTable(
                name: "ReminderDigests");

            migrationBuilder.DropTable(
                name: "SchedulerLeases");

            migrationBuilder.DropIndex(
                name: "IX_Assignments_PolicyId_Status",
                table: "Assignments");

            migrationBuilder.DropIndex(
                name: "IX_AcknowledgementRequests_TenantId_PolicyVersionId_Status",
                table: "AcknowledgementRequests");

            migrationBuilder.DropIndex(
                name: "IX_AcknowledgementRequests_TenantId_Status_DueAt",
                table: "AcknowledgementRequests");

            migrationBuilder.DropIndex(
                name: "IX_AcknowledgementRequests_TenantId_Status_NextReminderAt",
                table: "AcknowledgementRequests");

            migrationBuilder.DropColumn(
                name: "OverdueReminderDays",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "ReminderDaysBefore",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "RequireTypedName",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "ManagerEmail",
                table: "Memberships");

            migrationBuilder.DropColumn(
                name: "EscalateToManagers",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "OverdueReminderDays",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "ReminderDaysBefore",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "AcknowledgementId",
                table: "AcknowledgementRequests");

            migrationBuilder.DropColumn(
                name: "EscalatedAt",
                table: "AcknowledgementRequests");

            migrationBuilder.DropColumn(
                name: "LastRemindedAt",
                table: "AcknowledgementRequests");

            migrationBuilder.DropColumn(
                name: "ManagerEscalatedAt",
                table: "AcknowledgementRequests");

            migrationBuilder.DropColumn(
                name: "NextReminderAt",
                table: "AcknowledgementRequests");

            migrationBuilder.DropColumn(
                name: "RemindersSent",
                table: "AcknowledgementRequests");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_PolicyId",
                table: "Assignments",
                column: "PolicyId");
        }
    }
}
