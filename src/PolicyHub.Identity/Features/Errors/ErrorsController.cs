using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace PolicyHub.Identity.Features.Errors;

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorsController : Controller
{
    [Route("/Error/{statusCode:int?}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Index(int? statusCode)
    {
        var code = statusCode ?? (HttpContext.Features.Get<IExceptionHandlerFeature>() is null ? 404 : 500);
        Response.StatusCode = code;
        return View(model: code);
    }
}
