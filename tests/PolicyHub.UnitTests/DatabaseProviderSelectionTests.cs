using Microsoft.Data.Sqlite;
using PolicyHub.Data.Database;

namespace PolicyHub.UnitTests;

public sealed class DatabaseProviderSelectionTests
{
    [Fact]
    public void ResolveConnectionString_SqliteWithoutConfiguration_PutsFileInDataFolderAndCreatesIt()
    {
        var root = Path.Combine(Path.GetTempPath(), "policyhub-unit", Guid.NewGuid().ToString("N"));
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, DataDirectory = "data" };

        var connectionString = DatabaseProviderSelection.ResolveConnectionString(options, null, "web.db", root);

        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        Assert.Equal(Path.Combine(root, "data", "web.db"), dataSource);
        Assert.True(Directory.Exists(Path.Combine(root, "data")));
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void ResolveConnectionString_SqliteAbsolutePath_IsKept()
    {
        var file = Path.Combine(Path.GetTempPath(), "policyhub-unit", Guid.NewGuid().ToString("N"), "x.db");
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite };

        var connectionString = DatabaseProviderSelection.ResolveConnectionString(options, $"Data Source={file}", "ignored.db", "/nowhere");

        Assert.Equal(file, new SqliteConnectionStringBuilder(connectionString).DataSource);
        Assert.True(Directory.Exists(Path.GetDirectoryName(file)));
    }

    [Fact]
    public void ResolveConnectionString_SqlServerWithoutConnectionString_ExplainsWhatIsMissing()
    {
        var options = new DatabaseOptions { Provider = DatabaseProvider.SqlServer };

        var error = Assert.Throws<InvalidOperationException>(() =>
            DatabaseProviderSelection.ResolveConnectionString(options, null, "web.db", "/app"));

        Assert.Contains("no connection string", error.Message, StringComparison.Ordinal);
    }
}
