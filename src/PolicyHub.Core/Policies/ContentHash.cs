using System.Security.Cryptography;
using System.Text;

namespace PolicyHub.Core.Policies;

/// <summary>
/// The fingerprint of a policy text: SHA-256 over the canonical Markdown — UTF-8 without byte order mark, every
/// line break as "\n" — so the same text gives the same hash on Windows, Linux and in any browser.
/// </summary>
public static class ContentHash
{
    public static string Normalize(string markdown)
        => markdown.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    public static byte[] Compute(string markdown) => SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(markdown)));

    /// <summary>Lower-case hexadecimal, as shown on receipts.</summary>
    public static string ComputeHex(string markdown) => Convert.ToHexStringLower(Compute(markdown));
}
