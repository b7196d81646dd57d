using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using PolicyHub.Identity.Extensions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PolicyHub.Identity.Clients;

/// <summary>Registers (or updates) the configured OIDC clients and the API scope when the service starts.</summary>
public sealed class ClientRegistrar(IServiceScopeFactory scopes, IOptions<AuthServerOptions> options, ILogger<ClientRegistrar> logger)
    : IHostedService
{
    public const string ApiScope = "policyhub_api";
    public const string ApiResource = "policyhub-api";

    /// <summary>May ask the client directory whether a client id is a machine client (PolicyHub's Web app, for API access).</summary>
    public const string ClientDirectoryPermission = Permissions.Prefixes.Endpoint + "client_directory";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var scopeManager = scope.ServiceProvider.GetRequiredService<IOpenIddictScopeManager>();

        if (await scopeManager.FindByNameAsync(ApiScope, cancellationToken) is null)
        {
            var apiScope = new OpenIddictScopeDescriptor { Name = ApiScope, DisplayName = "PolicyHub API" };
            apiScope.Resources.Add(ApiResource);
            await scopeManager.CreateAsync(apiScope, cancellationToken);
        }

        foreach (var client in options.Value.Clients)
        {
            var descriptor = Describe(client);
            var existing = await applications.FindByClientIdAsync(client.ClientId, cancellationToken);
            if (existing is null)
            {
                await applications.CreateAsync(descriptor, cancellationToken);
                logger.LogInformation("Registered OIDC client {ClientId}.", client.ClientId);
            }
            else
            {
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
                logger.LogInformation("Updated OIDC client {ClientId}.", client.ClientId);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static OpenIddictApplicationDescriptor Describe(ClientRegistration client)
    {
        if (string.IsNullOrWhiteSpace(client.ClientId))
        {
            throw new InvalidOperationException("AuthServer:Clients has an entry without a ClientId.");
        }

        var confidential = !string.IsNullOrEmpty(client.ClientSecret);
        if (client.AllowClientCredentials && !confidential)
        {
            throw new InvalidOperationException($"Client '{client.ClientId}' allows client credentials but has no ClientSecret.");
        }

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = confidential ? client.ClientSecret : null,
            ClientType = confidential ? ClientTypes.Confidential : ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = client.DisplayName ?? client.ClientId,
        };

        if (client.RedirectUris.Count > 0)
        {
            descriptor.Permissions.UnionWith([
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
            ]);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
            foreach (var uri in client.RedirectUris)
            {
                descriptor.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
            }

            foreach (var uri in client.PostLogoutRedirectUris)
            {
                descriptor.PostLogoutRedirectUris.Add(new Uri(uri, UriKind.Absolute));
            }
        }

        if (client.AllowClientCredentials)
        {
            descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials]);
        }

        if (client.ClientDirectory)
        {
            descriptor.Permissions.Add(ClientDirectoryPermission);
        }

        foreach (var scope in client.Scopes)
        {
            descriptor.Permissions.Add(scope switch
            {
                Scopes.Profile => Permissions.Scopes.Profile,
                Scopes.Email => Permissions.Scopes.Email,
                Scopes.Roles => Permissions.Scopes.Roles,
                _ => Permissions.Prefixes.Scope + scope,
            });
        }

        return descriptor;
    }
}
