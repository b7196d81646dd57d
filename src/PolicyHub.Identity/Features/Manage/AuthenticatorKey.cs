using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using PolicyHub.Data.Identity;
using QRCoder;

namespace PolicyHub.Identity.Features.Manage;

/// <summary>The authenticator key of an account (created when missing), as a grouped key and a QR code of its otpauth URI.</summary>
public static class AuthenticatorKey
{
    private const string Issuer = "PolicyHub";

    /// <summary>Fills the model's shared key and QR code.</summary>
    public static async Task<EnableAuthenticatorModel> WithKeyAsync(UserManager<ApplicationUser> users, ApplicationUser user, EnableAuthenticatorModel model)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key was generated.");
        }

        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(data).GetGraphic(5);
        model.SharedKey = FormatKey(key);
        model.QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(png);
        return model;
    }

    private static string FormatKey(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return result.ToString().TrimEnd().ToLowerInvariant();
    }
}
