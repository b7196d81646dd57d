using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PolicyHub.Identity;
using PolicyHub.Testing;

namespace PolicyHub.IntegrationTests;

/// <summary>Outside Development the auth service needs real certificates and refuses development keys.</summary>
public sealed class ProductionKeysTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "policyhub-tests", Guid.NewGuid().ToString("N"));

    public ProductionKeysTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public void Identity_ProductionWithoutCertificates_RefusesToStart()
    {
        using var factory = new LiveAppFactory<IdentityProgram>(FreePort.Next(), "Production", Settings());

        var error = Assert.ThrowsAny<Exception>(factory.StartServer);

        Assert.Contains("refuses to start in the 'Production' environment without token certificates", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public void Identity_ProductionAskingForEphemeralKeys_StillRefuses()
    {
        var settings = Settings();
        settings["AuthServer:UseEphemeralKeys"] = "true";
        using var factory = new LiveAppFactory<IdentityProgram>(FreePort.Next(), "Production", settings);

        var error = Assert.ThrowsAny<Exception>(factory.StartServer);

        Assert.Contains("Development signing and encryption keys are only allowed in Development", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identity_ProductionWithCertificates_StartsAndPublishesTheCertificateKey()
    {
        var settings = Settings();
        settings["AuthServer:SigningCertificate:Path"] = WriteCertificate("signing", X509KeyUsageFlags.DigitalSignature, "pw1");
        settings["AuthServer:SigningCertificate:Password"] = "pw1";
        settings["AuthServer:EncryptionCertificate:Path"] = WriteCertificate("encryption", X509KeyUsageFlags.KeyEncipherment, "pw2");
        settings["AuthServer:EncryptionCertificate:Password"] = "pw2";
        var port = FreePort.Next();
        using var factory = new LiveAppFactory<IdentityProgram>(port, "Production", settings);

        factory.StartServer();

        using var http = new HttpClient();
        using var response = await http.GetAsync($"http://127.0.0.1:{port}/.well-known/jwks");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"x5c\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Database:DataDirectory"] = _folder,
        ["Database:MigrateOnStartup"] = "true",
        ["AuthServer:AllowHttp"] = "true",
    };

    private string WriteCertificate(string name, X509KeyUsageFlags usage, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=PolicyHub {name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    private static string Flatten(Exception error)
    {
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" | ", messages);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
