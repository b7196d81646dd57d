using System.Text.RegularExpressions;

namespace PolicyHub.UnitTests;

/// <summary>
/// The tenant filter and the SaveChanges guard can be bypassed only in a short, reviewed list of files: switching
/// filters off, raw SQL and bulk updates or deletes (which skip the guard) appear nowhere else in the product's code,
/// and no bulk update sets a TenantId.
/// </summary>
public sealed partial class IsolationAllowListTests
{
    private static readonly Dictionary<string, string[]> AllowList = new()
    {
        // Cross-organisation lookups: a person's organisations and the invitations open for their email.
        ["src/PolicyHub.Web/Features/Tenancy/TenantDirectory.cs"] = ["IgnoreQueryFilters"],
        // PRAGMA journal_mode=WAL after migrating an SQLite database.
        ["src/PolicyHub.ServiceDefaults/Database/DatabaseRegistration.cs"] = ["CreateCommand", "CommandText"],
        // The benchmark data generator (a tool, not the product): prepared bulk INSERTs from the EF model; bulk-load PRAGMAs.
        ["src/PolicyHub.DataGenerator/BulkInsert.cs"] = ["CreateCommand", "CommandText"],
        ["src/PolicyHub.DataGenerator/BulkLoadSettings.cs"] = ["CreateCommand", "CommandText"],
        // PRAGMA secure_delete on every SQLite connection; emptying the write-ahead log after an erasure.
        ["src/PolicyHub.Data/Database/SqlitePragmas.cs"] = ["CreateCommand", "CommandText"],
        // The one bulk update of tenant-owned rows: adds the current organisation's predicate, refuses without one.
        ["src/PolicyHub.Data/Web/TenantBulkUpdates.cs"] = ["ExecuteUpdateAsync"],
        // Rows that belong to no organisation: the email outbox's lease and the scheduler's lease.
        ["src/PolicyHub.ServiceDefaults/Email/OutboxDispatcher.cs"] = ["ExecuteUpdateAsync"],
        ["src/PolicyHub.Data/Web/DatabaseLease.cs"] = ["ExecuteUpdateAsync"],
    };

    [GeneratedRegex(@"\b(IgnoreQueryFilters|FromSql\w*|ExecuteSql\w*|SqlQuery\w*|CommandText|CreateCommand|ExecuteUpdate\w*|ExecuteDelete\w*)\b")]
    private static partial Regex Bypass();

    [GeneratedRegex(@"SetProperty\(\s*(\w+)\s*=>\s*\1\.TenantId\b")]
    private static partial Regex SetsTenantId();

    [Fact]
    public void Source_FilterBypassRawSqlOrBulkWrites_OnlyInAllowListedFiles()
    {
        var offenders = Offenders(ProductSources().Select(f => (f, File.ReadAllText(RepositoryFiles.Path(f)))));

        Assert.True(offenders.Count == 0, "Tenant filter bypass, raw SQL or a bulk write outside the allow-list:\n" + string.Join('\n', offenders));
    }

    [Theory]
    [InlineData("await db.Policies.Where(p => p.Id == id).ExecuteDeleteAsync(ct);")]
    [InlineData("await db.Policies.ExecuteUpdateAsync(s => s.SetProperty(p => p.Title, \"x\"), ct);")]
    [InlineData("db.Policies.IgnoreQueryFilters().ToListAsync();")]
    [InlineData("await rows.UpdateInTenantAsync(db, s => s.SetProperty(r => r.TenantId, other), ct);")]
    public void Offenders_APlantedViolation_IsFound(string line)
        => Assert.NotEmpty(Offenders([("src/PolicyHub.Web/Features/Policies/Planted.cs", line)]));

    [Fact]
    public void AllowList_EveryFileStillExists()
        => Assert.All(AllowList.Keys, f => Assert.True(File.Exists(RepositoryFiles.Path(f)), $"{f} is allow-listed but gone: remove it from the list."));

    private static List<string> Offenders(IEnumerable<(string File, string Text)> sources)
        => sources
            .SelectMany(s => Bypass().Matches(s.Text).Select(m => (s.File, Use: m.Value))
                .Where(u => !(AllowList.TryGetValue(u.File, out var allowed) && allowed.Contains(u.Use)))
                .Concat(SetsTenantId().Matches(s.Text).Select(m => (s.File, Use: m.Value))))
            .Select(u => $"{u.File}: {u.Use}")
            .Distinct()
            .ToList();

    private static IEnumerable<string> ProductSources()
        => Directory.EnumerateFiles(RepositoryFiles.Path("src"), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryFiles.Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal) && !IsMigration(f));

    private static bool IsMigration(string file) => file.Contains("src/PolicyHub.Data.Migrations", StringComparison.Ordinal);
}
