using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PolicyHub.Identity;
using PolicyHub.Web;

namespace PolicyHub.Testing;

/// <summary>The auth service on a real Kestrel port with the given settings (visible to Program's start-up code).</summary>
public sealed class IdentityAppFactory : WebApplicationFactory<IdentityProgram>
{
    private readonly string _environment;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public IdentityAppFactory(int port, string environment, IReadOnlyDictionary<string, string?> settings)
    {
        _environment = environment;
        _settings = settings;
        UseKestrel(port);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

/// <summary>The Web app on a real Kestrel port with the given settings.</summary>
public sealed class WebAppFactory : WebApplicationFactory<WebProgram>
{
    private readonly string _environment;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public WebAppFactory(int port, string environment, IReadOnlyDictionary<string, string?> settings)
    {
        _environment = environment;
        _settings = settings;
        UseKestrel(port);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
