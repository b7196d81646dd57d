using PolicyHub.Data.Database;
using PolicyHub.Data.Identity;
using PolicyHub.Data.Web;

namespace PolicyHub.Data.Migrations.SqlServer;

public sealed class PolicyHubDbContextFactory()
    : DesignTimeFactory<PolicyHubDbContext>(DatabaseProvider.SqlServer, "Server=(design-time);Database=PolicyHub;Trusted_Connection=True", o => new(o));

public sealed class AuthDbContextFactory()
    : DesignTimeFactory<AuthDbContext>(DatabaseProvider.SqlServer, "Server=(design-time);Database=PolicyHubIdentity;Trusted_Connection=True", o => new(o));
