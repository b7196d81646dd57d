using PolicyHub.Web.Features.Audit;
using PolicyHub.Web.Features.Compliance;
using PolicyHub.Web.Features.Members;

namespace PolicyHub.Web.Features.Api;

public sealed record ApiChainHead(long Sequence, string Hash);

public sealed record ApiCheckpoint(long Sequence, string Hash, DateTime SignedAt, string KeyId);

public sealed record ApiOrganisation(string Slug, string Name, string Client, ApiChainHead Chain, ApiCheckpoint? LatestCheckpoint);

public sealed record ApiPolicyVersion(Guid Id, Guid PolicyId, string Policy, int Number, DateTime PublishedAt, string ContentHash);

/// <summary>
/// The compliance exports for machines (an archive, a GRC tool): the same files as the pages, for a client of the
/// auth service that an administrator allowed. Exports are recorded in the audit trail under the client's pseudonym,
/// and are POSTs for that reason; reads that change nothing are GETs.
/// </summary>
[Route("api/v1/organisations/{organisation}")]
[Authorize(Policy = ApiAuthentication.Policy)]
[IgnoreAntiforgeryToken] // bearer tokens only: browsers never send them on their own (see ApiAuthentication)
[ServiceFilter<ApiClientAccessFilter>]
public sealed class ExportApiController(
    PolicyHubDbContext db, TenantContext tenant, AuditTrail trail, AuditExporter exporter, EvidenceExport evidence, IStringLocalizer<SharedResource> l) : ControllerBase
{
    /// <summary>Which organisation the client serves, and the head of its audit chain (to check an archive is complete).</summary>
    [HttpGet("")]
    public async Task<ApiOrganisation> Organisation()
    {
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(HttpContext.RequestAborted);
        var checkpoint = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.SignedAt).FirstOrDefaultAsync(HttpContext.RequestAborted);
        return new ApiOrganisation(tenant.Tenant.Slug, tenant.Tenant.Name, tenant.Client!.ClientId,
            new ApiChainHead(head.LastSequence, Convert.ToHexStringLower(head.LastHash)),
            checkpoint is null ? null : new ApiCheckpoint(checkpoint.Sequence, Convert.ToHexStringLower(checkpoint.Hash), checkpoint.SignedAt, checkpoint.KeyId));
    }

    /// <summary>The published policy versions, newest first: the ids the evidence export takes.</summary>
    [HttpGet("policy-versions")]
    public async Task<IReadOnlyList<ApiPolicyVersion>> PolicyVersions()
    {
        var rows = await (from v in db.PolicyVersions.AsNoTracking()
                          join p in db.Policies on v.PolicyId equals p.Id
                          where v.PublishedAt != null
                          orderby v.PublishedAt descending
                          select new { v.Id, v.PolicyId, p.Title, v.Number, PublishedAt = v.PublishedAt!.Value, v.ContentHash })
            .ToListAsync(HttpContext.RequestAborted);
        return rows.Select(r => new ApiPolicyVersion(r.Id, r.PolicyId, r.Title, r.Number, r.PublishedAt, Convert.ToHexStringLower(r.ContentHash ?? []))).ToList();
    }

    /// <summary>The audit trail (filtered by the query string, or whole) as CSV or JSON Lines.</summary>
    [HttpPost("audit-trail/export.{format:regex(^(csv|jsonl)$)}")]
    public async Task<IActionResult> ExportAuditTrail(string format, [FromQuery] AuditFilter filter)
    {
        if (!ModelState.IsValid)
        {
            return Invalid();
        }

        filter.Before = null;
        var query = await trail.QueryAsync(filter, HttpContext.RequestAborted);
        if (query is null)
        {
            return PersonNotFound();
        }

        await exporter.ExportAsync(format, filter, query, Response, HttpContext.RequestAborted);
        return new EmptyResult();
    }

    /// <summary>Everyone asked to acknowledge a published version (or the versions it counts for), acknowledged or not, as CSV.</summary>
    [HttpPost("policy-versions/{id:guid}/evidence.csv")]
    public async Task<IActionResult> VersionEvidence(Guid id)
        => await evidence.ExportVersionAsync(id, Response, HttpContext.RequestAborted) ? new EmptyResult() : NotFound();

    /// <summary>Everything one person (email or membership id, in the query string) was asked to acknowledge and did, as CSV.</summary>
    [HttpPost("people/evidence.csv")]
    public async Task<IActionResult> PersonEvidence([FromQuery] string? person)
    {
        var membership = await db.Memberships.AsNoTracking().FindIdAsync(person, HttpContext.RequestAborted);
        if (membership is null)
        {
            return PersonNotFound();
        }

        await evidence.ExportPersonAsync(membership.Value, Response, HttpContext.RequestAborted);
        return new EmptyResult();
    }

    /// <summary>A person (email or membership id) this organisation does not have: 404, like any id of another organisation.</summary>
    private NotFoundObjectResult PersonNotFound()
        => new(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = l["Nobody with this email address is in this organisation."] })
        {
            ContentTypes = { "application/problem+json" },
        };

    private BadRequestObjectResult Invalid()
    {
        var problem = new ValidationProblemDetails(ModelState) { Status = StatusCodes.Status400BadRequest, Title = l["The request is not valid."] };
        return new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
    }
}
