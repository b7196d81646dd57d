using Microsoft.AspNetCore.Mvc;
using PolicyHub.ServiceDefaults.Email;

namespace PolicyHub.Identity.Features.DevMail;

/// <summary>Development only: the embedded mailbox (the pickup folder), so the email journeys work without a mail server.</summary>
[Route("dev/mail")]
public sealed class DevMailController(DevMailbox mailbox, IHostEnvironment environment) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => environment.IsDevelopment() ? View(mailbox.List()) : NotFound();

    [HttpGet("{id}")]
    public IActionResult Show(string id)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        var message = mailbox.Find(id);
        return message is null ? NotFound() : View(message);
    }
}
