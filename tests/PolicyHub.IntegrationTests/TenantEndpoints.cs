using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PolicyHub.Core.Tenancy;
using PolicyHub.Data.Web;

namespace PolicyHub.IntegrationTests;

/// <summary>
/// What the isolation tests enumerate, so that a new endpoint or a new tenant-owned entity is covered without
/// anyone remembering to add it: every route under {slug}, and every ITenantOwned type of the model.
/// </summary>
internal static partial class TenantEndpoints
{
    public sealed record Endpoint(string Method, string Pattern);

    public static IReadOnlyList<Endpoint> All(IServiceProvider web)
        => web.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Any(p => p.Name == "slug"))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => new Endpoint(m, e.RoutePattern.RawText!)))
            .Distinct()
            .OrderBy(e => e.Pattern, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)
            .ToList();

    /// <summary>Fills a route pattern: {slug}, {kind} (departments or locations), and {id} with the given id.</summary>
    public static IEnumerable<string> Urls(Endpoint endpoint, string baseUrl, string slug, Guid id)
    {
        var kinds = endpoint.Pattern.Contains("{kind", StringComparison.Ordinal) ? new[] { "departments", "locations" } : [string.Empty];
        foreach (var kind in kinds)
        {
            var path = Parameter().Replace(endpoint.Pattern, m => m.Groups[1].Value switch
            {
                "slug" => slug,
                "kind" => kind,
                "id" or "membershipId" => id.ToString(),
                "version" => "1",
                "template" => "social-media-guidelines",
                "language" => "en",
                "sequence" => "1",
                "format" => "csv",
                var other => throw new InvalidOperationException($"The isolation tests do not know how to fill {{{other}}} in {endpoint.Pattern}."),
            });
            yield return $"{baseUrl}/{path.TrimStart('/')}";
        }
    }

    public static bool TakesAnId(Endpoint endpoint) => endpoint.Pattern.Contains("{id", StringComparison.Ordinal);

    public static IReadOnlyList<Type> TenantOwnedTypes(PolicyHubDbContext db)
        => db.Model.GetEntityTypes().Select(t => t.ClrType).Where(t => typeof(ITenantOwned).IsAssignableFrom(t)).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    /// <summary>Every row of every tenant-owned table of the context's organisation, as JSON: equal snapshots mean nothing changed.</summary>
    public static async Task<Dictionary<string, List<string>>> SnapshotAsync(PolicyHubDbContext db)
    {
        var snapshot = new Dictionary<string, List<string>>();
        foreach (var type in TenantOwnedTypes(db))
        {
            var rows = (Task<List<string>>)typeof(TenantEndpoints).GetMethod(nameof(RowsAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(type).Invoke(null, [db])!;
            snapshot[type.Name] = await rows;
        }

        return snapshot;
    }

    /// <summary>The single-Guid primary keys of each tenant-owned type's rows (AuditEvent and its head have none).</summary>
    public static async Task<Dictionary<string, Guid>> OneIdPerTypeAsync(PolicyHubDbContext db)
    {
        var ids = new Dictionary<string, Guid>();
        foreach (var type in TenantOwnedTypes(db))
        {
            var key = db.Model.FindEntityType(type)!.FindPrimaryKey()!;
            if (key.Properties is [{ ClrType: var keyType } property] && keyType == typeof(Guid) && property.Name == "Id")
            {
                var id = await ((Task<Guid?>)typeof(TenantEndpoints).GetMethod(nameof(FirstIdAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                    .MakeGenericMethod(type).Invoke(null, [db])!);
                if (id is { } value)
                {
                    ids[type.Name] = value;
                }
            }
        }

        return ids;
    }

    private static async Task<List<string>> RowsAsync<T>(PolicyHubDbContext db) where T : class
        => (await db.Set<T>().AsNoTracking().ToListAsync()).Select(r => JsonSerializer.Serialize(r)).Order(StringComparer.Ordinal).ToList();

    private static async Task<Guid?> FirstIdAsync<T>(PolicyHubDbContext db) where T : class
        => await db.Set<T>().AsNoTracking().Select(e => (Guid?)EF.Property<Guid>(e, "Id")).FirstOrDefaultAsync();

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\}")]
    private static partial Regex Parameter();
}
