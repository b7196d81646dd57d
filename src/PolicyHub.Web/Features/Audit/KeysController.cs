using System.Text.Json;

namespace PolicyHub.Web.Features.Audit;

/// <summary>The public keys of the audit checkpoints, with their validity, for anyone who verifies an export.</summary>
[AllowAnonymous]
public sealed class KeysController(CheckpointKeyRing keys) : Controller
{
    public const string Path = "/.well-known/policyhub-audit-keys.json";

    [HttpGet(Path)]
    public IActionResult Keys()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", "policyhub-audit-keys/v1");
            keys.WriteDocument(writer);
            writer.WriteEndObject();
        }

        Response.Headers.CacheControl = "public, max-age=300";
        return File(stream.ToArray(), "application/json");
    }
}
