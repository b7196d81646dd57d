using PolicyHub.Data.Identity;
using PolicyHub.Identity.Extensions;
using PolicyHub.ServiceDefaults;
using PolicyHub.ServiceDefaults.Database;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("PolicyHub.Identity");
builder.AddIdentityServices();

var app = builder.Build();
if (await app.MigrateIfRequestedAsync<AuthDbContext>(args))
{
    return;
}

app.UseIdentityPipeline();
await app.RunAsync();
