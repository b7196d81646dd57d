namespace PolicyHub.ServiceDefaults.Security;

/// <summary>
/// Where a "returnUrl" may send a person: a path on this site, written in printable ASCII (as browsers send
/// links; a plain space is encoded), at most 2,048 characters. Anything else — another host ("//x", "/\x"), a
/// scheme, control characters, tabs, line breaks, spaces such as U+3000, non-ASCII letters a Location header
/// cannot carry — becomes "/".
/// Both services ask here, so no redirect can fail or leave the site.
/// </summary>
public static class LocalUrl
{
    public const int MaxLength = 2048;

    public static string Normalize(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.Length > MaxLength || returnUrl[0] != '/')
        {
            return "/";
        }

        if (returnUrl.Length > 1 && returnUrl[1] is '/' or '\\')
        {
            return "/";
        }

        foreach (var c in returnUrl)
        {
            if (c is < ' ' or > '~' || c == '\\')
            {
                return "/";
            }
        }

        // A plain space (as in "scope=openid profile" of an authorization request) is kept, encoded.
        return returnUrl.Replace(" ", "%20", StringComparison.Ordinal);
    }
}
