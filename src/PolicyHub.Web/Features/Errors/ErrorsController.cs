namespace PolicyHub.Web.Features.Errors;

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorsController : Controller
{
    /// <summary>Error pages: /Error (unhandled exception), /Error/404 and other status codes, /Error/signin (failed sign-in).</summary>
    [Route("/Error/{code?}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Index(string? code)
    {
        var model = code ?? "500";
        Response.StatusCode = int.TryParse(model, out var status) && status >= 400 ? status : StatusCodes.Status500InternalServerError;
        if (model == "signin")
        {
            Response.StatusCode = StatusCodes.Status502BadGateway;
        }

        return View(model: model);
    }
}
