using System.Security.Cryptography.X509Certificates;
using OpenIddict.Server;

namespace PolicyHub.Identity.Extensions;

/// <summary>
/// Chooses the token signing and encryption keys. Development may use development (or in-memory) keys;
/// every other environment refuses to start without configured certificates.
/// </summary>
public static class SigningKeys
{
    public static void Configure(OpenIddictServerBuilder server, AuthServerOptions options, IHostEnvironment environment)
    {
        if (options.SigningCertificate.IsConfigured && options.EncryptionCertificate.IsConfigured)
        {
            server.AddSigningCertificate(Load(options.SigningCertificate, "AuthServer:SigningCertificate"));
            server.AddEncryptionCertificate(Load(options.EncryptionCertificate, "AuthServer:EncryptionCertificate"));
            return;
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"PolicyHub.Identity refuses to start in the '{environment.EnvironmentName}' environment without token certificates. " +
                "Development signing and encryption keys are only allowed in Development. Configure AuthServer:SigningCertificate:Path " +
                "and AuthServer:EncryptionCertificate:Path (PFX files, with their :Password) — see docs/configuration.md.");
        }

        if (options.UseEphemeralKeys)
        {
            server.AddEphemeralSigningKey().AddEphemeralEncryptionKey();
        }
        else
        {
            server.AddDevelopmentSigningCertificate().AddDevelopmentEncryptionCertificate();
        }
    }

    private static X509Certificate2 Load(CertificateSettings settings, string key)
    {
        if (!File.Exists(settings.Path))
        {
            throw new InvalidOperationException($"{key}:Path points to '{settings.Path}', which does not exist.");
        }

        return X509CertificateLoader.LoadPkcs12FromFile(settings.Path, settings.Password, X509KeyStorageFlags.EphemeralKeySet);
    }
}
