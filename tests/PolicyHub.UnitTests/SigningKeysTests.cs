using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.FileProviders;
using PolicyHub.Identity.Extensions;

namespace PolicyHub.UnitTests;

public sealed class SigningKeysTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Configure_OutsideDevelopmentWithoutCertificates_RefusesWithAClearMessage(string environment)
    {
        var server = new ServiceCollection().AddOpenIddict().AddServer();

        var error = Assert.Throws<InvalidOperationException>(() =>
            SigningKeys.Configure(server, new AuthServerOptions { UseEphemeralKeys = true }, new Environment(environment)));

        Assert.Contains("refuses to start", error.Message, StringComparison.Ordinal);
        Assert.Contains("AuthServer:SigningCertificate:Path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configure_CertificatePathThatDoesNotExist_SaysWhichSetting()
    {
        var server = new ServiceCollection().AddOpenIddict().AddServer();
        var options = new AuthServerOptions
        {
            SigningCertificate = new CertificateSettings { Path = "/nowhere/signing.pfx" },
            EncryptionCertificate = new CertificateSettings { Path = "/nowhere/encryption.pfx" },
        };

        var error = Assert.Throws<InvalidOperationException>(() => SigningKeys.Configure(server, options, new Environment("Production")));

        Assert.Contains("AuthServer:SigningCertificate:Path", error.Message, StringComparison.Ordinal);
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "PolicyHub.Identity";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
