using PolicyHub.Core.Text;
using PolicyHub.ServiceDefaults.Validation;
using FluentValidation;
using Microsoft.Extensions.Options;
using PolicyHub.Web.Extensions;

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
/// compliance exports. The changes are <see cref="AllowApiClient"/> and <see cref="WithdrawApiClient"/>.
/// </summary>
[Authorize]
[Route("o/{slug}/api-clients")]
[TenantRole(Capabilities.ManageApiAccess)]
public sealed class ApiClientsController(
    PolicyHubDbContext db, TenantContext tenant, IOptions<OidcSettings> oidc, ServiceDefaults.Security.PublicOrigin origin, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index() => View(await ModelAsync(new ApiClientForm()));

    [HttpPost("")]
    public async Task<IActionResult> Create(ApiClientForm form, [FromServices] AllowApiClient allow)
    {
        if (ModelState.IsValid)
        {
            var result = await allow.AllowAsync(form, HttpContext.RequestAborted);
            if (result.Client is { } client)
            {
                TempData["Status"] = l["{0} can now use the API of this organisation.", client.Name].Value;
                return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug });
            }

            ModelState.AddModelError(nameof(form.ClientId), result.Problem!);
        }

        return View(nameof(Index), await ModelAsync(form));
    }

    [HttpPost("{id:guid}/revoke")]
    public async Task<IActionResult> Revoke(Guid id, [FromServices] WithdrawApiClient withdraw)
    {
        var (outcome, client) = await withdraw.WithdrawAsync(id, HttpContext.RequestAborted);
        if (outcome == WithdrawApiClientOutcome.NotFound)
        {
            return NotFound();
        }

        if (outcome == WithdrawApiClientOutcome.Withdrawn)
        {
            TempData["Status"] = l["{0} no longer has access to the API of this organisation.", client!.Name].Value;
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
