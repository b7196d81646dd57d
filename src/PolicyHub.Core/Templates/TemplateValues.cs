using System.Globalization;
using PhoneNumbers;
using PolicyHub.Core.Text;

namespace PolicyHub.Core.Templates;

/// <summary>The check each variable type makes of a filled-in value (already trimmed, within length, free of control characters).</summary>
public static class TemplateValues
{
    public const int MaxNumber = 10_000;

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <returns>The problem with the value, or null when the value fits the variable's type.</returns>
    public static TemplateProblemKind? Check(TemplateVariable variable, string value) => variable.Type switch
    {
        TemplateVariableType.Email when !TextRules.IsEmail(value, TemplateRenderer.MaxValueLength) => TemplateProblemKind.InvalidEmail,
        TemplateVariableType.Phone when !IsPhone(value) => TemplateProblemKind.InvalidPhone,
        TemplateVariableType.Url when !IsWebAddress(value) => TemplateProblemKind.InvalidUrl,
        TemplateVariableType.Choice when variable.Choices?.Contains(value, StringComparer.Ordinal) != true => TemplateProblemKind.InvalidChoice,
        TemplateVariableType.Number when !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > MaxNumber => TemplateProblemKind.InvalidNumber,
        _ => null,
    };

    /// <summary>
    /// A number someone in any country can dial from the policy: written with its country code (+49 …, 0049 …
    /// is not accepted), made of digits, spaces and the usual separators, and a possible number for that
    /// country according to libphonenumber (right length for the country and its area codes).
    /// </summary>
    public static bool IsPhone(string value)
    {
        if (!value.StartsWith('+') || value.Skip(1).Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '-' or '/' or '(' or ')' or '.')))
        {
            return false;
        }

        try
        {
            var number = Phones.Parse(value, null);
            return Phones.IsPossibleNumber(number) && Phones.IsValidNumber(number);
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>An absolute http or https address with a host, no user name or password in it.</summary>
    public static bool IsWebAddress(string value)
        => !value.Any(char.IsWhiteSpace)
            && Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && uri.Scheme is "https" or "http"
            && uri.Host.Length > 0
            && uri.UserInfo.Length == 0;
}
