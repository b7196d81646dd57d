using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PolicyHub.Demo;
using PolicyHub.Data.Identity;
using PolicyHub.Identity.Extensions;

namespace PolicyHub.Identity.Demo;

/// <summary>Creates the demo accounts (confirmed email, demo password) when AuthServer:SeedDemoAccounts is set.</summary>
public sealed class DemoAccountSeeder(IServiceScopeFactory scopes, IOptions<AuthServerOptions> options, ILogger<DemoAccountSeeder> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemoAccounts)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var created = 0;
        foreach (var person in DemoPeople.All)
        {
            if (await users.FindByEmailAsync(person.Email) is not null)
            {
                continue;
            }

            var user = new ApplicationUser { UserName = person.Email, Email = person.Email, EmailConfirmed = true, DisplayName = person.Name };
            var result = await users.CreateAsync(user, DemoPeople.Password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Seeding demo account {person.Email} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }

            created++;
        }

        if (created > 0)
        {
            logger.LogInformation("Created {Count} demo accounts (password in the README).", created);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
