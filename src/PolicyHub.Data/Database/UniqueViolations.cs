using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace PolicyHub.Data.Database;

/// <summary>
/// Whether a save failed on a unique index: two people creating the same department, slug or invitation at the
/// same moment both pass the form's "already taken" check, and the index stops the second. That one gets the
/// form's own message, never an error page.
/// </summary>
public static class UniqueViolations
{
    /// <summary>SQLite's SQLITE_CONSTRAINT_UNIQUE (2067) and _PRIMARYKEY (1555); SQL Server's 2601 (unique index) and 2627 (unique constraint).</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        SqlException sql => sql.Number is 2601 or 2627,
        _ => false,
    };
}
