using PolicyHub.ServiceDefaults.Validation;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using PolicyHub.Core.Audit;

namespace PolicyHub.Web.Features.Audit;

public sealed class AuditFilterValidator : AbstractValidator<AuditFilter>
{
    public AuditFilterValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.From).SaneDate(l);
        RuleFor(f => f.To).SaneDate(l);
        RuleFor(f => f.To).GreaterThanOrEqualTo(f => f.From).When(f => f.From is not null && f.To is not null)
            .WithMessage(_ => l["The end date must not be before the start date."]);
        RuleFor(f => f.Q).ValidSearchText(l, 200);
        RuleFor(f => f.Person).ValidSearchText(l, Limits.Email);
        RuleFor(f => f.Before).GreaterThan(0).WithMessage(_ => l["The value is not valid."]);
        RuleFor(f => f.Type).Must(a => string.IsNullOrWhiteSpace(a) || AuditCatalog.Actions.Contains(a.Trim()))
            .WithMessage(_ => l["Choose an event type from the list."]);
    }
}

public sealed record AuditPageModel(AuditFilter Filter, IReadOnlyList<AuditEvent> Events, bool More, IReadOnlyDictionary<string, string> People,
    IReadOnlyList<Members.Choice> Policies, bool UnknownPerson)
{
    public AuditCheckpoint? LatestCheckpoint { get; init; }
}

public sealed record AuditEventModel(AuditEvent Event, string PrettyPayload, bool HashVerifies, bool LinksToPrevious, string? ActorName);

/// <summary>The organisation's audit trail for compliance officers and administrators: filter, read, export.</summary>
[Authorize]
[Route("o/{slug}/audit")]
[TenantRole(Capabilities.ReadAuditTrail)]
public sealed class AuditTrailController(
    PolicyHubDbContext db, TenantContext tenant, AuditTrail trail, AuditExporter exporter, Checkpoints checkpoints, IStringLocalizer<SharedResource> l) : Controller
{

    [HttpGet("")]
    public async Task<IActionResult> Index(AuditFilter filter)
    {
        var policies = await db.Policies.AsNoTracking().OrderBy(p => p.Title).Select(p => new Members.Choice(p.Id, p.Title)).ToListAsync();
        // The checkpoint is the trail's, whatever the filter: an invalid filter shows its errors, not "no checkpoint".
        var latest = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.SignedAt).FirstOrDefaultAsync();
        if (!ModelState.IsValid)
        {
            return View(new AuditPageModel(filter, [], false, new Dictionary<string, string>(), policies, false) { LatestCheckpoint = latest });
        }

        var (events, more) = await trail.PageAsync(filter, HttpContext.RequestAborted);
        var unknown = !string.IsNullOrWhiteSpace(filter.Person) && events.Count == 0 && await trail.QueryAsync(filter, HttpContext.RequestAborted) is null;
        if (unknown)
        {
            ModelState.AddModelError(nameof(AuditFilter.Person), l["Nobody with this email address is in this organisation."]);
        }

        return View(new AuditPageModel(filter, events, more, await NamesAsync(events.Select(e => e.Actor)), policies, unknown)
        {
            LatestCheckpoint = latest,
        });
    }

    [HttpGet("{sequence:long}")]
    public async Task<IActionResult> Event(long sequence)
    {
        var found = await db.AuditEvents.AsNoTracking().SingleOrDefaultAsync(e => e.Sequence == sequence);
        if (found is null)
        {
            return NotFound();
        }

        var previous = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence == sequence - 1).Select(e => e.Hash).SingleOrDefaultAsync();
        var recomputed = AuditHashing.ComputeHash(found.TenantId, found.Sequence, found.PreviousHash, found.Payload);
        var links = sequence == 1 ? found.PreviousHash.AsSpan().SequenceEqual(AuditHashing.Genesis) : previous is not null && previous.AsSpan().SequenceEqual(found.PreviousHash);
        var pretty = JsonNode.Parse(found.Payload)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        var names = await NamesAsync([found.Actor]);
        return View(new AuditEventModel(found, pretty, recomputed.AsSpan().SequenceEqual(found.Hash), links, names.GetValueOrDefault(found.Actor)));
    }

    /// <summary>Downloads the events through the filter (or the whole trail) as CSV or JSON Lines; the export itself is recorded first.</summary>
    [HttpPost("export.{format:regex(^(csv|jsonl)$)}")]
    public async Task<IActionResult> Export(string format, AuditFilter filter)
    {
        if (!ModelState.IsValid)
        {
            TempData["Error"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug });
        }

        filter.Before = null;
        var query = await trail.QueryAsync(filter, HttpContext.RequestAborted);
        if (query is null)
        {
            TempData["Error"] = l["Nobody with this email address is in this organisation."].Value;
            return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug });
        }

        await exporter.ExportAsync(format, filter, query, Response, HttpContext.RequestAborted);
        return new EmptyResult();
    }

    /// <summary>Signs the chain head now, in addition to the periodic checkpoints.</summary>
    [HttpPost("checkpoint")]
    public async Task<IActionResult> Checkpoint()
    {
        var created = await checkpoints.CreateAsync(HttpContext.RequestAborted);
        TempData["Status"] = created is null
            ? l["The latest event is already signed by a checkpoint."].Value
            : l["Checkpoint signed: event {0}, key {1}.", created.Sequence, created.KeyId].Value;
        return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug });
    }

    private async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> actors)
    {
        var list = actors.Distinct().ToList();
        var ids = list.Select(a => Guid.TryParse(a, out var id) ? id : (Guid?)null).OfType<Guid>().ToList();
        var clients = list.Where(a => a.StartsWith(ApiClient.ActorPrefix, StringComparison.Ordinal))
            .Select(a => Guid.TryParse(a.AsSpan(ApiClient.ActorPrefix.Length), out var id) ? id : (Guid?)null).OfType<Guid>().ToList();
        var names = await db.Memberships.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id.ToString(), m => m.DisplayName);
        foreach (var client in await db.ApiClients.AsNoTracking().Where(c => clients.Contains(c.Id)).ToListAsync())
        {
            names[client.Actor] = l["API client {0}", client.Name].Value;
        }

        return names;
    }
}
