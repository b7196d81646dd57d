namespace PolicyHub.Data.Database;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>The "Database" configuration section shared by both services.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder for SQLite files; relative paths resolve against the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// Apply pending migrations when the service starts. Meant for the embedded, single-instance run;
    /// production applies the generated script or runs the service once with the "migrate" argument.
    /// </summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>
    /// SQLite only: when a commit waits for the disk. Full (the default) syncs the write-ahead log at every commit,
    /// so an acknowledgement that was answered "recorded" survives a power cut; Normal syncs at checkpoints only
    /// (a crash of the process loses nothing, a power cut may lose the last commits). See docs/benchmarks.md.
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Full;
}

public enum SqliteSynchronous
{
    Full,
    Normal,
}
