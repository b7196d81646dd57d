using Microsoft.AspNetCore.Mvc;

namespace PolicyHub.Identity.Features.Home;

public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public IActionResult Index() => User.Identity?.IsAuthenticated == true ? RedirectToAction("Index", "Manage") : View();
}
