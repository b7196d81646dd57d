using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace PolicyHub.Testing;

/// <summary>
/// One of the services (IdentityProgram or WebProgram) on a real Kestrel port, in the given environment, with
/// settings applied through UseSetting so that Program's start-up code sees them.
/// </summary>
public sealed class LiveAppFactory<TEntryPoint> : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    private readonly string _environment;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public LiveAppFactory(int port, string environment, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        _environment = environment;
        _settings = settings;
        _services = services;
        UseKestrel(port);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }
}
