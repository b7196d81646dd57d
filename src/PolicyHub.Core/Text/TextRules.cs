using System.Globalization;
using System.Text;

namespace PolicyHub.Core.Text;

/// <summary>Why a short text (a name or title) or a long text (Markdown) was refused.</summary>
public enum TextProblem
{
    None,
    /// <summary>Nothing visible is left once spaces and invisible characters are removed.</summary>
    Empty,
    TooLong,
    /// <summary>A control character (NUL, a line break in a name, …), a lone surrogate or a non-character.</summary>
    ControlCharacter,
    /// <summary>A bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069), which can make text read differently from what it is.</summary>
    BidiControl,
}

/// <summary>
/// The one rule for names and titles (people, organisations, departments, locations, policies, templates,
/// accounts) and the character rule for long texts. Every validator and the CSV import ask here, and every write
/// stores <see cref="NormalizeName"/>'s form, so what was accepted is what is shown.
/// </summary>
public static class TextRules
{
    /// <summary>Unicode NFC, trimmed; null stays null. What a valid name is stored as.</summary>
    public static string? NormalizeName(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        // Normalising a string with lone surrogates throws; such a name is refused by CheckName anyway.
        return HasLoneSurrogate(trimmed) ? trimmed : trimmed.Normalize(NormalizationForm.FormC);
    }

    /// <summary>Checks a name or title: not empty after removing invisible characters, at most <paramref name="maxLength"/> characters (after normalising), no control or bidirectional control characters.</summary>
    public static TextProblem CheckName(string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return TextProblem.Empty;
        }

        var visible = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return TextProblem.ControlCharacter;
                }

                var codePoint = char.ConvertToUtf32(c, value[++i]);
                if (IsNonCharacter(codePoint))
                {
                    return TextProblem.ControlCharacter;
                }

                visible |= CharUnicodeInfo.GetUnicodeCategory(codePoint) != UnicodeCategory.Format;
                continue;
            }

            if (char.IsControl(c) || IsNonCharacter(c))
            {
                return TextProblem.ControlCharacter;
            }

            if (IsBidiControl(c))
            {
                return TextProblem.BidiControl;
            }

            visible |= !IsInvisible(c);
        }

        if (!visible)
        {
            return TextProblem.Empty;
        }

        return NormalizeName(value)!.Length > maxLength ? TextProblem.TooLong : TextProblem.None;
    }

    /// <summary>
    /// Checks the characters of a long text (Markdown, a reason, a summary): tab and line breaks are allowed, every
    /// other control character, lone surrogates and non-characters are not; nor are bidirectional overrides.
    /// </summary>
    public static TextProblem CheckLongText(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return TextProblem.None;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return TextProblem.ControlCharacter;
                }

                if (IsNonCharacter(char.ConvertToUtf32(c, value[++i])))
                {
                    return TextProblem.ControlCharacter;
                }

                continue;
            }

            if ((char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || IsNonCharacter(c))
            {
                return TextProblem.ControlCharacter;
            }

            if (IsBidiControl(c))
            {
                return TextProblem.BidiControl;
            }
        }

        return TextProblem.None;
    }

    /// <summary>One plain address (local@domain) of at most <paramref name="maxLength"/> characters, surrounding spaces allowed: no display name, no control characters, no spaces inside.</summary>
    public static bool IsEmail(string? value, int maxLength)
    {
        var address = value?.Trim();
        if (string.IsNullOrEmpty(address) || address.Length > maxLength || CheckName(address, maxLength) != TextProblem.None
            || address.Any(char.IsWhiteSpace) || address.Count(c => c == '@') != 1)
        {
            return false;
        }

        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < address.Length - 1
            && System.Net.Mail.MailAddress.TryCreate(address, out var parsed)
            && string.Equals(parsed.Address, address, StringComparison.Ordinal);
    }

    /// <summary>Whether anything in the text is visible (not a space, a format character or a blank letter).</summary>
    public static bool HasVisibleCharacter(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(value[i], value[++i])) != UnicodeCategory.Format)
                {
                    return true;
                }
            }
            else if (!IsInvisible(value[i]) && !char.IsControl(value[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static bool IsNonCharacter(int codePoint) => codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;

    /// <summary>Spaces, format characters (zero-width space and joiners, soft hyphen, marks, BOM) and the blank letters some scripts have.</summary>
    private static bool IsInvisible(char c)
        => char.IsWhiteSpace(c)
           || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format
           || c is '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u2800' or '\u034F' or '\u180E';

    private static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }
}
