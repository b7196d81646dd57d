using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using PolicyHub.Data.Identity;

namespace PolicyHub.Identity.Features.Account;

/// <summary>
/// Authenticator-app codes (RFC 6238: HMAC-SHA1, six digits, 30-second steps, two steps of clock drift either
/// way, as ASP.NET Core Identity's own provider accepts) that work once per account: the time step of the last
/// accepted code is kept with the account, and a code of that step or an earlier one is refused — so a code seen
/// over someone's shoulder, or replayed from a captured request, cannot open a second session within its window.
/// </summary>
public sealed class SingleUseAuthenticatorCodes(TimeProvider time) : IUserTwoFactorTokenProvider<ApplicationUser>
{
    private const string LoginProvider = "[PolicyHubAuthenticator]";
    private const string LastStepName = "LastAcceptedStep";
    private const int Drift = 2;

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ApplicationUser> manager, ApplicationUser user)
        => !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>Codes come from the person's app, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || token.Length != 6 || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return false;
        }

        var secret = Base32Decode(key);
        var now = time.GetUtcNow().ToUnixTimeSeconds() / 30;
        long? matched = null;
        for (var step = now - Drift; step <= now + Drift; step++)
        {
            if (Compute(secret, step) == code)
            {
                matched = step;
            }
        }

        var last = long.TryParse(await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepName), NumberStyles.None, CultureInfo.InvariantCulture, out var stored) ? stored : long.MinValue;
        if (matched is not { } accepted || accepted <= last)
        {
            return false;
        }

        // Written with the account's concurrency stamp: of two sign-ins racing with one code, only one succeeds.
        var saved = await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepName, accepted.ToString(CultureInfo.InvariantCulture));
        return saved.Succeeded;
    }

    [SuppressMessage("Security", "CA5350", Justification = "RFC 6238 defines TOTP over HMAC-SHA1, which is what authenticator apps compute.")]
    private static int Compute(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(secret, counter, hash);
        var offset = hash[^1] & 0x0f;
        return (BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff) % 1_000_000;
    }

    private static byte[] Base32Decode(string input)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in input.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant().TrimEnd('='))
        {
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                continue;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. output];
    }
}
