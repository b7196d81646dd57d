using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PolicyHub.Data.Migrations.Sqlite.Web
{
    /// <inheritdoc />
    public partial class PolicyReviewers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ReviewReminderDays",
                table: "Tenants",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReviewRemindedAt",
                table: "PolicyVersions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PolicyReviewers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PolicyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MembershipId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyReviewers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PolicyReviewers_Memberships_MembershipId",
                        column: x => x.MembershipId,
                        principalTable: "Memberships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PolicyReviewers_Policies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "Policies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PolicyReviewers_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PolicyReviewers_MembershipId",
                table: "PolicyReviewers",
                column: "MembershipId");

            migrationBuilder.CreateIndex(
                name: "IX_PolicyReviewers_PolicyId_MembershipId",
                table: "PolicyReviewers",
                columns: new[] { "PolicyId", "MembershipId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PolicyReviewers_TenantId",
                table: "PolicyReviewers",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PolicyReviewers");

            migrationBuilder.DropColumn(
                name: "ReviewReminderDays",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "ReviewRemindedAt",
                table: "PolicyVersions");
        }
    }
}
