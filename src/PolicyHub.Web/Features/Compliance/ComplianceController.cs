using PolicyHub.ServiceDefaults.Validation;
using System.Globalization;
using PolicyHub.Core.Acknowledgements;
using PolicyHub.Web.Features.Members;

namespace PolicyHub.Web.Features.Compliance;

public sealed record CoverageModel(IReadOnlyList<CoverageRow> Rows, IReadOnlyList<VersionChoice> Versions)
{
    public int Asked => Rows.Sum(r => r.Asked);
    public int Acknowledged => Rows.Sum(r => r.Acknowledged);
    public int Percent => Asked == 0 ? 0 : (int)Math.Round(100.0 * Acknowledged / Asked);
}

public sealed record OutstandingModel(IReadOnlyList<VersionChoice> Versions, Guid? Version, string AsOf, OutstandingReport? Report);

/// <summary>Compliance reports: coverage across all policies, and who had not acknowledged a version as of a date.</summary>
[Authorize]
[Route("o/{slug}/compliance")]
[TenantRole(Capabilities.ReadComplianceReports)]
public sealed class ComplianceController(
    ComplianceReports reports, EvidenceExport evidence, PolicyHubDbContext db, TenantContext tenant, TimeProvider time, IStringLocalizer<SharedResource> l) : Controller
{


    [HttpGet("")]
    public async Task<IActionResult> Index()
        => View(new CoverageModel(await reports.CoverageAsync(HttpContext.RequestAborted), await ChoicesAsync()));

    [HttpGet("outstanding")]
    public async Task<IActionResult> Outstanding(Guid? version, string? asOf, int page = 1)
    {
        var choices = await ChoicesAsync();
        var today = time.GetUtcNow().UtcDateTime.Date;
        var dateText = string.IsNullOrWhiteSpace(asOf) ? today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : asOf.Trim();
        if (version is null)
        {
            return View(new OutstandingModel(choices, null, dateText, null));
        }

        if (!DateTime.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            ModelState.AddModelError("asOf", l["Enter the date as YYYY-MM-DD."]);
            return View(new OutstandingModel(choices, version, dateText, null));
        }

        if (!DateValidation.IsSane(date))
        {
            ModelState.AddModelError("asOf", DateValidation.Message(l));
            return View(new OutstandingModel(choices, version, dateText, null));
        }

        var report = await reports.OutstandingAsync(version.Value, date, page, HttpContext.RequestAborted);
        return report is null ? NotFound() : View(new OutstandingModel(choices, version, dateText, report));
    }

    /// <summary>Everyone asked to acknowledge this version (or the versions it counts for), acknowledged or not, as CSV.</summary>
    [HttpPost("versions/{id:guid}/evidence.csv")]
    [TenantRole(Capabilities.ExportEvidence)]
    public async Task<IActionResult> VersionEvidence(Guid id)
        => await evidence.ExportVersionAsync(id, Response, HttpContext.RequestAborted) ? new EmptyResult() : NotFound();

    /// <summary>Everything one person (email or membership id) was asked to acknowledge and did, as CSV.</summary>
    [HttpPost("people/evidence.csv")]
    [TenantRole(Capabilities.ExportEvidence)]
    public async Task<IActionResult> PersonEvidence(string? person)
    {
        var membership = await db.Memberships.AsNoTracking().FindIdAsync(person, HttpContext.RequestAborted);
        if (membership is null)
        {
            TempData["Error"] = l["Nobody with this email address is in this organisation."].Value;
            return RedirectToAction(nameof(Index), new { slug = tenant.Tenant.Slug });
        }

        await evidence.ExportPersonAsync(membership.Value, Response, HttpContext.RequestAborted);
        return new EmptyResult();
    }

    private Task<IReadOnlyList<VersionChoice>> ChoicesAsync()
        => reports.VersionChoicesAsync((title, number) => $"{title} — {l["Version {0}", number].Value}", HttpContext.RequestAborted);
}
