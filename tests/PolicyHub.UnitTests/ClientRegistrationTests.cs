using PolicyHub.Identity.Clients;
using PolicyHub.Identity.Extensions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PolicyHub.UnitTests;

public sealed class ClientRegistrationTests
{
    [Fact]
    public void Describe_WebClientWithSecret_IsConfidentialCodeFlowWithPkceRequired()
    {
        var descriptor = ClientRegistrar.Describe(new ClientRegistration
        {
            ClientId = "web",
            ClientSecret = "s3cret",
            RedirectUris = ["https://app.example/signin-oidc"],
            PostLogoutRedirectUris = ["https://app.example/signout-callback-oidc"],
        });

        Assert.Equal(ClientTypes.Confidential, descriptor.ClientType);
        Assert.Contains(Requirements.Features.ProofKeyForCodeExchange, descriptor.Requirements);
        Assert.Contains(Permissions.GrantTypes.AuthorizationCode, descriptor.Permissions);
        Assert.Contains(Permissions.GrantTypes.RefreshToken, descriptor.Permissions);
        Assert.DoesNotContain(Permissions.GrantTypes.ClientCredentials, descriptor.Permissions);
        Assert.Equal(new Uri("https://app.example/signin-oidc"), Assert.Single(descriptor.RedirectUris));
    }

    [Fact]
    public void Describe_ClientCredentialsWithoutSecret_IsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ClientRegistrar.Describe(
            new ClientRegistration { ClientId = "machine", AllowClientCredentials = true }));

        Assert.Contains("no ClientSecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_MachineClient_MayOnlyUseTokenEndpointWithClientCredentials()
    {
        var descriptor = ClientRegistrar.Describe(new ClientRegistration
        {
            ClientId = "hr-system",
            ClientSecret = "s3cret",
            AllowClientCredentials = true,
            Scopes = ["policyhub_api"],
        });

        Assert.Contains(Permissions.GrantTypes.ClientCredentials, descriptor.Permissions);
        Assert.Contains(Permissions.Prefixes.Scope + "policyhub_api", descriptor.Permissions);
        Assert.DoesNotContain(Permissions.Endpoints.Authorization, descriptor.Permissions);
        Assert.Empty(descriptor.RedirectUris);
    }

    [Fact]
    public void Describe_ClientDirectory_OnlyWhenConfigured()
    {
        var web = new ClientRegistration { ClientId = "policyhub-web", ClientSecret = "s3cret", RedirectUris = ["https://app.example/signin-oidc"] };
        Assert.DoesNotContain(ClientRegistrar.ClientDirectoryPermission, ClientRegistrar.Describe(web).Permissions);

        web.ClientDirectory = true;
        Assert.Contains(ClientRegistrar.ClientDirectoryPermission, ClientRegistrar.Describe(web).Permissions);
    }
}
