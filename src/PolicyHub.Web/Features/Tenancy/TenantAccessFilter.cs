using Microsoft.AspNetCore.Mvc.Filters;

namespace PolicyHub.Web.Features.Tenancy;

/// <summary>
/// The first of the three isolation layers, for every route with {slug}: the organisation must exist (else 404),
/// the caller must be an active member (else 403) holding a role the action allows (else 403). It then binds the
/// request's DbContext to the organisation, so the query filter and the SaveChanges guard do the rest.
/// </summary>
public sealed class TenantAccessFilter(PolicyHubDbContext db, TenantContext tenantContext) : IAsyncAuthorizationFilter
{
    public const string SlugRouteKey = "slug";

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        if (context.RouteData.Values[SlugRouteKey] is not string slug)
        {
            return;
        }

        var subject = context.HttpContext.User.FindFirst("sub")?.Value;
        if (context.HttpContext.User.Identity?.IsAuthenticated != true || subject is null)
        {
            context.Result = new ChallengeResult();
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
        var membership = await db.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.Subject == subject);
        var required = context.ActionDescriptor.EndpointMetadata.OfType<TenantRoleAttribute>().LastOrDefault()?.AnyOf ?? TenantRoles.None;
        if (membership is null && HttpMethods.IsGet(context.HttpContext.Request.Method) && await InvitedAsync(context.HttpContext.User))
        {
            // Invited here but not yet joined: the invitation page, where they choose, then back to this page.
            var here = context.HttpContext.Request.Path + context.HttpContext.Request.QueryString;
            context.Result = new RedirectResult($"/invitations?org={Uri.EscapeDataString(tenant.Slug)}&returnUrl={Uri.EscapeDataString(here)}");
            return;
        }

        if (membership is not { Status: MembershipStatus.Active } || !membership.Has(required))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }

        tenantContext.Set(tenant, membership);
    }

    /// <summary>Whether this organisation has an open invitation for the person's verified email.</summary>
    private Task<bool> InvitedAsync(System.Security.Claims.ClaimsPrincipal user)
    {
        var email = user.FindFirst("email")?.Value;
        if (string.IsNullOrWhiteSpace(email) || !string.Equals(user.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(false);
        }

        var normalized = Membership.Normalize(email);
        return db.Memberships.AnyAsync(m => m.NormalizedEmail == normalized && m.Status == MembershipStatus.Invited && m.Subject == null);
    }
}
