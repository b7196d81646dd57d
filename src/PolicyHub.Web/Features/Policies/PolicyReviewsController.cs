namespace PolicyHub.Web.Features.Policies;

/// <summary>A reviewer's list of the versions waiting for them (the navigation shows how many).</summary>
[Authorize]
[Route("o/{slug}/reviews")]
public sealed class PolicyReviewsController : Controller
{
    [HttpGet("")]
    [TenantRole(Capabilities.ReviewPolicies)]
    public IActionResult Index() => View("Reviews");
}
