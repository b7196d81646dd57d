namespace PolicyHub.Web;

/// <summary>
/// Counted nouns in English and German, which share the rule: the singular for exactly one, the plural for every
/// other count (0, 2, 5 …). Both forms are written out at the call, as resource keys the localization test can see:
/// <c>Plural.Of(n, L["{0} person", n], L["{0} people", n])</c>.
/// </summary>
public static class Plural
{
    public static LocalizedString Of(int count, LocalizedString one, LocalizedString other) => count == 1 ? one : other;
}
