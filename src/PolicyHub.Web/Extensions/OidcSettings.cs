namespace PolicyHub.Web.Extensions;

/// <summary>The "Oidc" configuration section: where people sign in. Any standard OpenID Connect provider works.</summary>
public sealed class OidcSettings
{
    public const string SectionName = "Oidc";

    public string Authority { get; set; } = string.Empty;
    public string ClientId { get; set; } = "policyhub-web";

    /// <summary>From the environment or a secret store, never from the repository. Empty: a public client (PKCE only).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Only false for plain http on loopback (the embedded run and tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Where "Your account" links to (password, two-factor); defaults to the authority's /manage page.</summary>
    public string? AccountManagementUrl { get; set; }
}
