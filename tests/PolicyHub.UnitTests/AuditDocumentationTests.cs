using PolicyHub.Web.Features.Audit;

namespace PolicyHub.UnitTests;

/// <summary>docs/audit-verification.md names every action the Web app writes, so an auditor can read any event.</summary>
public sealed class AuditDocumentationTests
{
    [Fact]
    public void ActionTable_NamesEveryActionTheAppWrites()
    {
        var documentation = File.ReadAllText(RepositoryFiles.Path("docs", "audit-verification.md"));

        var missing = AuditCatalog.Actions.Where(a => !documentation.Contains($"`{a}`", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, "Not in docs/audit-verification.md: " + string.Join(", ", missing));
        Assert.Contains("acknowledgement.recorded", AuditCatalog.Actions);
        Assert.True(AuditCatalog.Actions.Count >= 30, $"Only {AuditCatalog.Actions.Count} actions were found: is the catalog broken?");
    }
}
