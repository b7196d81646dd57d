using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PolicyHub.Identity;

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
        var settings = CertificateSettings();
        var port = FreePort.Next();
        using var factory = new LiveAppFactory<IdentityProgram>(port, "Production", settings);

        factory.StartServer();

        using var http = new HttpClient();
        using var response = await http.GetAsync($"http://127.0.0.1:{port}/.well-known/jwks");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"x5c\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("identity", null)]
    [InlineData("identity", "not a url")]
    [InlineData("web", null)]
    [InlineData("web", "ftp://policyhub.example")]
    public void Production_WithoutAPublicOrigin_RefusesToStart(string service, string? publicUrl)
    {
        var settings = service == "identity" ? CertificateSettings() : WebSettingsWithCheckpointKey().Settings;

        settings["PublicUrl"] = publicUrl;
        using var identity = new LiveAppFactory<IdentityProgram>(FreePort.Next(), "Production", settings);
        using var web = new LiveAppFactory<PolicyHub.Web.WebProgram>(FreePort.Next(), "Production", settings);

        var error = Assert.ThrowsAny<Exception>(() =>
        {
            if (service == "identity")
            {
                identity.StartServer();
            }
            else
            {
                web.StartServer();
            }
        });

        Assert.Contains("PublicUrl must be the absolute", Flatten(error), StringComparison.Ordinal);
        Assert.Contains("never from the request's Host header", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identity_ProductionWithAPublicOrigin_IssuesAsItAndRefusesOtherHosts()
    {
        var port = FreePort.Next();
        var settings = CertificateSettings();
        settings["PublicUrl"] = $"http://localhost:{port}";
        using var factory = new LiveAppFactory<IdentityProgram>(port, "Production", settings);
        factory.StartServer();
        using var http = new HttpClient();

        using var discovery = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/.well-known/openid-configuration");
        var document = System.Text.Json.JsonDocument.Parse(await (await http.SendAsync(discovery)).Content.ReadAsStringAsync());
        using var forged = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/.well-known/openid-configuration");
        forged.Headers.Host = "attacker.example";

        Assert.Equal($"http://localhost:{port}/", document.RootElement.GetProperty("issuer").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task Web_ProductionBehindForwardedHttps_SendsHstsForAYearAndSecureCookies()
    {
        var (settings, _) = WebSettingsWithCheckpointKey();
        settings["PublicUrl"] = "https://policyhub.example";
        var port = FreePort.Next();
        using var factory = new LiveAppFactory<PolicyHub.Web.WebProgram>(port, "Production", settings);
        factory.StartServer();
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });

        // The proxy on loopback (trusted by default) terminated TLS and says so.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/");
        request.Headers.Host = "policyhub.example";
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("PolicyHub.Web.Antiforgery=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Web_ProductionWithoutCheckpointKey_RefusesToStart()
    {
        using var factory = new LiveAppFactory<PolicyHub.Web.WebProgram>(FreePort.Next(), "Production", WebSettings());

        var error = Assert.ThrowsAny<Exception>(factory.StartServer);

        Assert.Contains("refuses to start in the 'Production' environment without an audit checkpoint key", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Web_ProductionWithCheckpointKey_StartsAndPublishesIt()
    {
        var (settings, publicKey) = WebSettingsWithCheckpointKey();
        var port = FreePort.Next();
        using var factory = new LiveAppFactory<PolicyHub.Web.WebProgram>(port, "Production", settings);

        factory.StartServer();

        using var http = new HttpClient();
        var document = await http.GetStringAsync($"http://127.0.0.1:{port}/.well-known/policyhub-audit-keys.json");
        var published = System.Text.Json.JsonDocument.Parse(document).RootElement.GetProperty("keys")[0];
        Assert.Equal("checkpoint-1", published.GetProperty("id").GetString());
        Assert.Equal(Convert.ToBase64String(publicKey), published.GetProperty("publicKey").GetString());
    }

    private Dictionary<string, string?> WebSettings() => new()
    {
        ["Database:DataDirectory"] = _folder,
        ["Database:MigrateOnStartup"] = "true",
        ["PublicUrl"] = "http://localhost:8080",
        ["Oidc:Authority"] = "http://127.0.0.1:1",
        ["Oidc:ClientSecret"] = "not-used-here",
        ["Oidc:RequireHttpsMetadata"] = "false",
    };

    private Dictionary<string, string?> Settings() => new()
    {
        ["PublicUrl"] = "http://localhost:8081",
        ["Database:DataDirectory"] = _folder,
        ["Database:MigrateOnStartup"] = "true",
        ["AuthServer:AllowHttp"] = "true",
    };

    /// <summary>The Web app's settings with a checkpoint key written to the folder; returns the key's public part too.</summary>
    private (Dictionary<string, string?> Settings, byte[] PublicKey) WebSettingsWithCheckpointKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var path = Path.Combine(_folder, "checkpoint.pem");
        File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem());
        var settings = WebSettings();
        settings["Checkpoints:Keys:0:Id"] = "checkpoint-1";
        settings["Checkpoints:Keys:0:PrivateKeyPath"] = path;
        settings["Checkpoints:Keys:0:ValidFrom"] = "2026-01-01T00:00:00Z";
        return (settings, key.ExportSubjectPublicKeyInfo());
    }

    private Dictionary<string, string?> CertificateSettings()
    {
        var settings = Settings();
        settings["AuthServer:SigningCertificate:Path"] = WriteCertificate("signing", X509KeyUsageFlags.DigitalSignature, "pw1");
        settings["AuthServer:SigningCertificate:Password"] = "pw1";
        settings["AuthServer:EncryptionCertificate:Path"] = WriteCertificate("encryption", X509KeyUsageFlags.KeyEncipherment, "pw2");
        settings["AuthServer:EncryptionCertificate:Password"] = "pw2";
        return settings;
    }

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
