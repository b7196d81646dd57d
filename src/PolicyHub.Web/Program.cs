using PolicyHub.ServiceDefaults;
using PolicyHub.ServiceDefaults.Database;
using PolicyHub.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("PolicyHub.Web");
builder.AddWebServices();

var app = builder.Build();
if (await app.MigrateIfRequestedAsync<PolicyHubDbContext>(args))
{
    return;
}

app.UseWebPipeline();
await app.RunAsync();
