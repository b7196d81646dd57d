using PolicyHub.Core.Text;
using PolicyHub.ServiceDefaults.Validation;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PolicyHub.Core.Tenancy;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;
using PolicyHub.Web.Extensions;
using PolicyHub.Web.Features.Tenancy;

namespace PolicyHub.Web.Features.Api;

public sealed class ApiClientForm
{
    // Nullable: MVC binds an empty or blank field to null.
    public string? ClientId { get; set; }
    public string? Name { get; set; }
}

public sealed partial class ApiClientFormValidator : AbstractValidator<ApiClientForm>
{
    public ApiClientFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.ClientId).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => l["Enter the client id the sign-in service issued."])
            .MaximumLength(Limits.ClientId).WithMessage(_ => l["Use at most {0} characters.", Limits.ClientId])
            .Matches(ClientIdPattern()).WithMessage(_ => l["A client id has only letters, digits, dots, dashes, underscores and colons."]);
        RuleFor(f => f.Name).ValidName(l, Limits.Name, () => l["Enter a name."]);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*[A-Za-z0-9._:\-]+\s*$")]
    private static partial System.Text.RegularExpressions.Regex ClientIdPattern();
}

public sealed record ApiClientsModel(IReadOnlyList<ApiClient> Clients, ApiClientForm Form, string ApiUrl, string TokenUrl);

/// <summary>
/// API access for administrators: which machine clients of the auth service may read this organisation's
/// compliance exports. Allowing and withdrawing are recorded in the audit trail.
/// </summary>
[Authorize]
[Route("o/{slug}/api-clients")]
[TenantRole(Capabilities.ManageOrganisation)]
public sealed class ApiClientsController(
    PolicyHubDbContext db, TenantContext tenant, TenantDirectory directory, TimeProvider time, IOptions<OidcSettings> oidc, ClientDirectory clients, ServiceDefaults.Security.PublicOrigin origin, IStringLocalizer<SharedResource> l) : Controller
{
    public const string Allowed = "api_client.allowed";
    public const string Revoked = "api_client.revoked";

    [HttpGet("")]
    public async Task<IActionResult> Index() => View(await ModelAsync(new ApiClientForm()));

    [HttpPost("")]
    public async Task<IActionResult> Create(ApiClientForm form)
    {
        var clientId = form.ClientId?.Trim() ?? string.Empty;
        if (ModelState.IsValid && string.Equals(clientId, oidc.Value.ClientId, StringComparison.OrdinalIgnoreCase))
        {
            // PolicyHub's own sign-in client: allowing it would let anyone who holds the Web app's secret read the organisation.
            ModelState.AddModelError(nameof(form.ClientId), l["This is PolicyHub's own sign-in client; it can never be given API access. Ask the operator of the sign-in service for a machine client."]);
        }

        // Only a client the auth service knows as a machine client: a sign-in client's id would let whoever holds its secret read the organisation.
        if (ModelState.IsValid)
        {
            var lookup = await clients.FindAsync(clientId, HttpContext.RequestAborted);
            var message = lookup.Kind switch
            {
                ClientKind.Unknown => l["The sign-in service has no client with this id. Check the spelling (it is case-sensitive) or ask its operator for a machine client."],
                ClientKind.Interactive => l["This client signs people in; only a machine client (client credentials, no redirect addresses) can be given API access."],
                ClientKind.Unavailable => l["The sign-in service could not confirm this client just now. Nothing was changed; try again in a moment."],
                _ => null,
            };
            if (message is not null)
            {
                ModelState.AddModelError(nameof(form.ClientId), message);
            }
            else
            {
                clientId = lookup.ClientId!;
            }
        }

        // A client serves one organisation at a time.
        if (ModelState.IsValid && await directory.ClientIdTakenAsync(clientId, HttpContext.RequestAborted))
        {
            ModelState.AddModelError(nameof(form.ClientId), l["This client already has access to an organisation. Ask the operator of the sign-in service for a client of your own."]);
        }

        if (!ModelState.IsValid)
        {
            return View(nameof(Index), await ModelAsync(form));
        }

        var client = new ApiClient { ClientId = clientId, Name = TextRules.NormalizeName(form.Name!)!, CreatedAt = time.GetUtcNow().UtcDateTime, CreatedBy = tenant.Membership.Id };
        try
        {
            await db.InTransactionAsync(async ct =>
            {
                db.ApiClients.Add(client);
                db.Audit(Allowed, nameof(ApiClient), client.Id.ToString(), tenant.Actor, new JsonObject { ["clientId"] = client.ClientId });
                return await db.SaveChangesAsync(ct);
            });
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(nameof(form.ClientId), l["This client already has access to an organisation. Ask the operator of the sign-in service for a client of your own."]);
            return View(nameof(Index), await ModelAsync(form));
        }
        TempData["Status"] = l["{0} can now use the API of this organisation.", client.Name].Value;
        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug });
    }

    [HttpPost("{id:guid}/revoke")]
    public async Task<IActionResult> Revoke(Guid id)
    {
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.Id == id);
        if (client is null)
        {
            return NotFound();
        }

        if (client.RevokedAt is null)
        {
            await db.InTransactionAsync(async ct =>
            {
                client.RevokedAt = time.GetUtcNow().UtcDateTime;
                db.Audit(Revoked, nameof(ApiClient), client.Id.ToString(), tenant.Actor, new JsonObject { ["clientId"] = client.ClientId });
                return await db.SaveChangesAsync(ct);
            });
            TempData["Status"] = l["{0} no longer has access to the API of this organisation.", client.Name].Value;
        }

        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug });
    }

    private async Task<ApiClientsModel> ModelAsync(ApiClientForm form)
    {
        var clients = await db.ApiClients.AsNoTracking().OrderBy(c => c.RevokedAt != null).ThenByDescending(c => c.CreatedAt).ToListAsync();
        var api = origin.Link(Request, $"/api/v1/organisations/{tenant.Tenant.Slug}");
        return new ApiClientsModel(clients, form, api, oidc.Value.Authority.TrimEnd('/') + "/connect/token");
    }
}
