using System.Text.RegularExpressions;

namespace PolicyHub.UnitTests;

/// <summary>
/// The tenant filter can be bypassed only in a short, reviewed list of files: switching filters off and raw SQL
/// appear nowhere else in the product's code.
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
    };

    [GeneratedRegex(@"\b(IgnoreQueryFilters|FromSql\w*|ExecuteSql\w*|SqlQuery\w*|CommandText|CreateCommand)\b")]
    private static partial Regex Bypass();

    [Fact]
    public void Source_FilterBypassOrRawSql_OnlyInAllowListedFiles()
    {
        var offenders = Directory.EnumerateFiles(RepositoryFiles.Path("src"), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryFiles.Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/Migrations.", StringComparison.Ordinal) && !IsMigration(f))
            .SelectMany(f => Bypass().Matches(File.ReadAllText(RepositoryFiles.Path(f))).Select(m => (File: f, Use: m.Value)))
            .Where(u => !(AllowList.TryGetValue(u.File, out var allowed) && allowed.Contains(u.Use)))
            .Select(u => $"{u.File}: {u.Use}")
            .Distinct()
            .ToList();

        Assert.True(offenders.Count == 0, "Tenant filter bypass or raw SQL outside the allow-list:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void AllowList_EveryFileStillExists()
        => Assert.All(AllowList.Keys, f => Assert.True(File.Exists(RepositoryFiles.Path(f)), $"{f} is allow-listed but gone: remove it from the list."));

    private static bool IsMigration(string file) => file.Contains("src/PolicyHub.Data.Migrations", StringComparison.Ordinal);
}
