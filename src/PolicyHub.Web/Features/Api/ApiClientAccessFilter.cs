using Microsoft.AspNetCore.Mvc.Filters;

namespace PolicyHub.Web.Features.Api;

/// <summary>
/// The API's counterpart of <see cref="TenantAccessFilter"/>, for every route with {organisation}: the organisation
/// must exist and must have allowed the token's client (else 404 — a client learns nothing about organisations it
/// does not serve). It then binds the DbContext to the organisation, so the query filter and the SaveChanges guard
/// apply as for people.
/// </summary>
public sealed class ApiClientAccessFilter(PolicyHubDbContext db, TenantContext tenantContext) : IAsyncAuthorizationFilter
{
    public const string OrganisationRouteKey = "organisation";

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        if (context.RouteData.Values[OrganisationRouteKey] is not string slug)
        {
            return;
        }

        var clientId = ApiAuthentication.ClientIdOf(context.HttpContext.User);
        if (clientId is null)
        {
            context.Result = new ChallengeResult(ApiAuthentication.Scheme);
            return;
        }

        var key = slug.ToLowerInvariant();
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == key);
        if (tenant is null)
        {
            context.Result = new NotFoundResult();
            return;
        }

        db.UseTenant(tenant.Id);
        var client = await db.ApiClients.AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == clientId && c.RevokedAt == null);
        if (client is null)
        {
            context.Result = new NotFoundResult();
            return;
        }

        tenantContext.Set(tenant, client);
    }
}
