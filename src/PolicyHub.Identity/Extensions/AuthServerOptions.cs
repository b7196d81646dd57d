namespace PolicyHub.Identity.Extensions;

/// <summary>The "AuthServer" configuration section.</summary>
public sealed class AuthServerOptions
{
    public const string SectionName = "AuthServer";

    /// <summary>
    /// Password sign-in attempts allowed per client IP address and minute (beyond them: 429). Raise it when a whole
    /// company signs in from behind one NAT address; the per-account lockout (5 failures) applies in any case.
    /// </summary>
    public int LoginAttemptsPerMinute { get; set; } = 30;

    /// <summary>
    /// Token requests allowed per client id, client IP address and minute (beyond them: 429 with a JSON error). The Web
    /// app redeems every sign-in's code and refresh token from its own address, so the default leaves room for a busy morning.
    /// </summary>
    public int TokenRequestsPerMinute { get; set; } = 300;

    /// <summary>
    /// Account emails (confirmation, password reset, "already registered") one address receives per hour; further
    /// requests get the same answer and send nothing, so nobody can flood a mailbox through the auth service.
    /// </summary>
    public int AccountEmailsPerHour { get; set; } = 5;

    /// <summary>Optional fixed issuer; by default the service's PublicUrl (never the request's Host header).</summary>
    public string? Issuer { get; set; }

    /// <summary>PFX file with the token signing key. Required outside Development.</summary>
    public CertificateSettings SigningCertificate { get; set; } = new();

    /// <summary>PFX file with the token encryption key. Required outside Development.</summary>
    public CertificateSettings EncryptionCertificate { get; set; } = new();

    /// <summary>Development only: keys that live in memory (tests), instead of the stored development certificates.</summary>
    public bool UseEphemeralKeys { get; set; }

    /// <summary>Clients (and their redirect URIs) registered or updated at start-up.</summary>
    public List<ClientRegistration> Clients { get; set; } = [];

    /// <summary>PolicyHub's address, for the "Back to PolicyHub" link on the account pages.</summary>
    public string? ApplicationUrl { get; set; }

    /// <summary>Creates the demo accounts listed in the README (the embedded run).</summary>
    public bool SeedDemoAccounts { get; set; }
}

public sealed class CertificateSettings
{
    public string? Path { get; set; }
    public string? Password { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Path);
}

public sealed class ClientRegistration
{
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Confidential clients have a secret (from the environment, never from the repository); public ones do not.</summary>
    public string? ClientSecret { get; set; }

    public string? DisplayName { get; set; }
    public List<string> RedirectUris { get; set; } = [];
    public List<string> PostLogoutRedirectUris { get; set; } = [];

    /// <summary>Machine clients: may use the client credentials grant (needs a secret).</summary>
    public bool AllowClientCredentials { get; set; }

    /// <summary>
    /// May ask the auth service's client directory (<c>GET /clients/{id}</c>) whether a client is a machine client.
    /// Only PolicyHub's Web app needs it (to check API clients before an administrator allows one); a confidential client.
    /// </summary>
    public bool ClientDirectory { get; set; }

    /// <summary>Scopes beyond openid the client may request, for example profile, email, offline_access, policyhub_api.</summary>
    public List<string> Scopes { get; set; } = ["profile", "email", "offline_access"];
}
