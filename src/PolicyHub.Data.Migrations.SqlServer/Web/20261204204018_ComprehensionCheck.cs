using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PolicyHub.Data.Migrations.SqlServer.Web
{
    /// <inheritdoc />
    public partial class ComprehensionCheck : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AskQuestions",
                table: "Assignments",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "QuestionAttempts",
                table: "Acknowledgements",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "QuestionsHash",
                table: "Acknowledgements",
                type: "binary(32)",
                fixedLength: true,
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ComprehensionQuestions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PolicyVersionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false),
                    Text = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Options = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    CorrectOption = table.Column<int>(type: "int", nullable: false),
                    SectionIndex = table.Column<int>(type: "int", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComprehensionQuestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ComprehensionQuestions_PolicyVersions_PolicyVersionId",
                        column: x => x.PolicyVersionId,
                        principalTable: "PolicyVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ComprehensionQuestions_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ComprehensionResults",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MembershipId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PolicyVersionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    PassedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    QuestionsHash = table.Column<byte[]>(type: "binary(32)", fixedLength: true, maxLength: 32, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComprehensionResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ComprehensionResults_Memberships_MembershipId",
                        column: x => x.MembershipId,
                        principalTable: "Memberships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ComprehensionResults_PolicyVersions_PolicyVersionId",
                        column: x => x.PolicyVersionId,
                        principalTable: "PolicyVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ComprehensionResults_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ComprehensionQuestions_PolicyVersionId_Position",
                table: "ComprehensionQuestions",
                columns: new[] { "PolicyVersionId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_ComprehensionQuestions_TenantId",
                table: "ComprehensionQuestions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_ComprehensionResults_MembershipId_PolicyVersionId",
                table: "ComprehensionResults",
                columns: new[] { "MembershipId", "PolicyVersionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ComprehensionResults_PolicyVersionId",
                table: "ComprehensionResults",
                column: "PolicyVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_ComprehensionResults_TenantId",
                table: "ComprehensionResults",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ComprehensionQuestions");

            migrationBuilder.DropTable(
                name: "ComprehensionResults");

            migrationBuilder.DropColumn(
                name: "AskQuestions",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "QuestionAttempts",
                table: "Acknowledgements");

            migrationBuilder.DropColumn(
                name: "QuestionsHash",
                table: "Acknowledgements");
        }
    }
}
