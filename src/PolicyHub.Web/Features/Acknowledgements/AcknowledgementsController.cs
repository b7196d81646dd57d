using System.Globalization;
using PolicyHub.Core.Acknowledgements;
using PolicyHub.Core.Policies;

namespace PolicyHub.Web.Features.Acknowledgements;

/// <summary>The employee's side: reading a policy they are asked to acknowledge, acknowledging it, receipts and history.</summary>
[Authorize]
public sealed class AcknowledgementsController(
    PolicyHubDbContext db,
    TenantContext tenant,
    RecordAcknowledgement recorder,
    ReadingText reading,
    ComprehensionChecks checks,
    TimeProvider time,
    IStringLocalizer<SharedResource> l) : Controller
{

    [HttpGet("o/{slug}/requests/{id:guid}")]
    [TenantRole(Capabilities.AnyMember)]
    public async Task<IActionResult> Read(Guid id, string? language = null)
    {
        var model = await ReadingAsync(id, language);
        if (model is null)
        {
            return NotFound();
        }

        if (model.Request.Status == RequestStatus.Acknowledged && model.Request.AcknowledgementId is { } receipt)
        {
            return RedirectToAction(nameof(Receipt), new { slug = tenant.Tenant.Slug, id = receipt });
        }

        return View(model);
    }

    [HttpPost("o/{slug}/requests/{id:guid}")]
    [TenantRole(Capabilities.AnyMember)]
    public async Task<IActionResult> Read(Guid id, AcknowledgeForm form)
    {
        var model = await ReadingAsync(id, form.Language);
        if (model is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return View(model with { Form = form });
        }

        form.Language ??= model.Shown.Language;
        var result = await recorder.RecordAsync(model.Request, form, new AcknowledgementSource(User.FindFirst("sub")!.Value,
            HttpContext.Connection.RemoteIpAddress?.ToString(), string.IsNullOrEmpty(Request.Headers.UserAgent) ? null : Request.Headers.UserAgent.ToString()),
            new Reading(model.Policy, model.Version, model.Shown, model.Languages, model.Statement), HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case AcknowledgeOutcome.Refused:
                ModelState.AddModelError(result.Field ?? string.Empty, result.Problem!);
                return View(model with { Form = form });
            case AcknowledgeOutcome.Recorded:
                TempData["Status"] = l["Thank you. Your acknowledgement is recorded; this is your receipt."].Value;
                return RedirectToAction(nameof(Receipt), new { slug = tenant.Tenant.Slug, id = result.AcknowledgementId });
            case AcknowledgeOutcome.AlreadyAcknowledged:
                TempData["Status"] = l["You had already acknowledged this version; this is your receipt."].Value;
                return RedirectToAction(nameof(Receipt), new { slug = tenant.Tenant.Slug, id = result.AcknowledgementId });
            case AcknowledgeOutcome.TextChanged:
                ModelState.AddModelError(string.Empty, l["A new version was published while you were reading. Please read it and acknowledge again. Nothing was recorded."]);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View(model with { Form = new AcknowledgeForm { TypedName = form.TypedName } });
            case AcknowledgeOutcome.NoLongerInForce:
                ModelState.AddModelError(string.Empty, l["This version is no longer in force, so it cannot be acknowledged. Nothing was recorded."]);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View(model with { Form = form, InForce = false });
            default:
                return NotFound();
        }
    }

    /// <summary>The comprehension check's answers: passed opens the statement; wrong answers point back to their sections.</summary>
    [HttpPost("o/{slug}/requests/{id:guid}/answers")]
    [TenantRole(Capabilities.AnyMember)]
    public async Task<IActionResult> Answers(Guid id, AnswersForm form, [FromServices] AnswerComprehensionCheck answer)
    {
        var model = await ReadingAsync(id, language: null);
        if (model is null)
        {
            return NotFound();
        }

        var result = ModelState.IsValid ? await answer.AnswerAsync(model.Request, form, HttpContext.RequestAborted) : new AnswerResult(AnswerOutcome.Incomplete, [], 0);
        switch (result.Outcome)
        {
            case AnswerOutcome.Passed:
                TempData["Status"] = l["Every answer is right. You can now acknowledge the policy."].Value;
                return RedirectToAction(nameof(Read), new { slug = tenant.Tenant.Slug, id });
            case AnswerOutcome.Incomplete:
                ModelState.AddModelError(string.Empty, l["Answer every question; nothing was recorded."]);
                break;
            case AnswerOutcome.TextChanged:
                ModelState.AddModelError(string.Empty, l["A new version was published while you were reading. Please read it and acknowledge again. Nothing was recorded."]);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View(nameof(Read), model);
            case AnswerOutcome.NotAsked:
                return RedirectToAction(nameof(Read), new { slug = tenant.Tenant.Slug, id });
        }

        // Failed or incomplete: the page again, with the answers given and (when failed) the sections to read again.
        return View(nameof(Read), model with { Answered = result, Answers = form, Check = await checks.LoadAsync(tenant.Membership.Id, model.Version.Id, HttpContext.RequestAborted) });
    }

    [HttpGet("o/{slug}/acknowledgements/{id:guid}")]
    [TenantRole(Capabilities.AnyMember)]
    public async Task<IActionResult> Receipt(Guid id)
    {
        var model = await ReceiptAsync(id);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet("o/{slug}/acknowledgements/{id:guid}/receipt.pdf")]
    [TenantRole(Capabilities.AnyMember)]
    public async Task<IActionResult> ReceiptPdf(Guid id)
    {
        var model = await ReceiptAsync(id);
        if (model is null)
        {
            return NotFound();
        }

        var pdf = Acknowledgements.ReceiptPdf.Render(model, l);
        return File(pdf, "application/pdf", $"receipt-{model.Acknowledgement.Id}.pdf");
    }

    [HttpGet("o/{slug}/my/acknowledgements")]
    [TenantRole(Capabilities.AnyMember)]
    public async Task<IActionResult> History()
    {
        var items = await db.Acknowledgements.AsNoTracking().Where(a => a.MembershipId == tenant.Membership.Id)
            .Join(db.Policies, a => a.PolicyId, p => p.Id, (a, p) => new { a, p.Title })
            .OrderByDescending(x => x.a.AcknowledgedAt)
            .Select(x => new HistoryItem(x.a.Id, x.Title, x.a.VersionNumber, x.a.AcknowledgedAt, x.a.ContentHash))
            .ToListAsync();
        return View(items);
    }

    private async Task<ReadingModel?> ReadingAsync(Guid requestId, string? language)
    {
        // Only the person's own requests: another person's id answers 404 like an unknown one.
        var request = await db.AcknowledgementRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId && r.MembershipId == tenant.Membership.Id);
        if (request is null)
        {
            return null;
        }

        var text = await reading.LoadAsync(request, language, HttpContext.RequestAborted);
        var inForce = request.Status == RequestStatus.Open && text.Version.Status == PolicyVersionStatus.Published;
        return new ReadingModel(request, text.Policy, text.Version, text.Shown, text.Languages,
            text.Statement, tenant.Tenant.RequireTypedName, inForce, time.GetUtcNow().UtcDateTime)
        {
            Changes = await reading.ChangesAsync(text, HttpContext.RequestAborted),
            Check = inForce ? await checks.LoadAsync(tenant.Membership.Id, text.Version.Id, HttpContext.RequestAborted) : CheckState.None,
        };
    }

    private async Task<ReceiptModel?> ReceiptAsync(Guid id)
    {
        var acknowledgement = await db.Acknowledgements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id);
        var own = acknowledgement?.MembershipId == tenant.Membership.Id;
        if (acknowledgement is null || (!own && !tenant.Membership.Has(Capabilities.ExportEvidence)))
        {
            return null;
        }

        var version = await db.PolicyVersions.AsNoTracking().SingleAsync(v => v.Id == acknowledgement.PolicyVersionId);
        var title = await db.Policies.AsNoTracking().Where(p => p.Id == acknowledgement.PolicyId).Select(p => p.Title).SingleAsync();
        // The text exactly as acknowledged: the translation when it was read in one.
        var html = acknowledgement.Language == version.Language ? version.Html
            : await db.PolicyTranslations.AsNoTracking().Where(t => t.PolicyVersionId == version.Id && t.Language == acknowledgement.Language).Select(t => t.Html).SingleOrDefaultAsync();
        return new ReceiptModel(acknowledgement, title, tenant.Tenant.Name, version, html ?? version.Html ?? string.Empty, own);
    }
}
