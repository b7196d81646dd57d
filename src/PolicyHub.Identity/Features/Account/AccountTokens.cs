using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.WebUtilities;

namespace PolicyHub.Identity.Features.Account;

/// <summary>Tokens in links: Identity's tokens, base64url-encoded so they survive a URL; a damaged one decodes to nothing (and fails).</summary>
public static class AccountTokens
{
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string Decode(string code)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return string.Empty;
        }
    }
}

public static class IdentityErrorMessages
{
    /// <summary>Password rule errors go to the password field, all of them at once; the rest above the form.</summary>
    public static void AddIdentityErrors(this ModelStateDictionary modelState, IEnumerable<IdentityError> errors, string passwordField)
    {
        var list = errors.ToList();
        var passwordRules = list.Where(e => e.Code.StartsWith("Password", StringComparison.Ordinal)).Select(e => e.Description).ToList();
        if (passwordRules.Count > 0)
        {
            modelState.AddModelError(passwordField, string.Join(' ', passwordRules));
        }

        foreach (var error in list.Where(e => !e.Code.StartsWith("Password", StringComparison.Ordinal)))
        {
            modelState.AddModelError(string.Empty, error.Description);
        }
    }
}
