namespace PolicyHub.Web;

/// <summary>LIKE patterns from typed text: the text's own %, _ and \ match themselves.</summary>
public static class SqlLike
{
    public const string EscapeCharacter = "\\";

    public static string Escape(string text)
        => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
