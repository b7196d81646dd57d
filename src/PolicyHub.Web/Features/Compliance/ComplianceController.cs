using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PolicyHub.Core.Tenancy;
using PolicyHub.Web.Features.Tenancy;

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
[TenantRole(Readers)]
public sealed class ComplianceController(ComplianceReports reports, TimeProvider time, IStringLocalizer<SharedResource> l) : Controller
{
    public const TenantRoles Readers = TenantRoles.ComplianceOfficer | TenantRoles.Administrator | TenantRoles.PolicyManager;

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

        var report = await reports.OutstandingAsync(version.Value, date, page, HttpContext.RequestAborted);
        return report is null ? NotFound() : View(new OutstandingModel(choices, version, dateText, report));
    }

    private Task<IReadOnlyList<VersionChoice>> ChoicesAsync()
        => reports.VersionChoicesAsync((title, number) => $"{title} — {l["Version {0}", number].Value}", HttpContext.RequestAborted);
}
