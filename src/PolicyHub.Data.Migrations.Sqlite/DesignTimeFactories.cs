using PolicyHub.Data.Database;
using PolicyHub.Data.Identity;
using PolicyHub.Data.Web;

namespace PolicyHub.Data.Migrations.Sqlite;

public sealed class PolicyHubDbContextFactory() : DesignTimeFactory<PolicyHubDbContext>(DatabaseProvider.Sqlite, "Data Source=design-time-policyhub.db", o => new(o));

public sealed class AuthDbContextFactory() : DesignTimeFactory<AuthDbContext>(DatabaseProvider.Sqlite, "Data Source=design-time-identity.db", o => new(o));
