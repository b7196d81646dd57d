using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace PolicyHub.ServiceDefaults.Security;

/// <summary>How large a request body may be (bytes): forms and uploads alike. An endpoint can allow less.</summary>
public sealed class RequestLimitsOptions
{
    /// <summary>4 MB: a policy text of 200,000 characters, percent-encoded, fits; a 2 MB CSV with its form fits.</summary>
    public long MaxBodyBytes { get; set; } = 4 * 1024 * 1024;
}

/// <summary>
/// The first look at every request, before anything parses it: a body larger than the limit is answered 413, a
/// query string or an url-encoded form whose percent-decoded bytes are not UTF-8 or hold NUL is answered 400, a
/// multipart form whose fields hold NUL likewise, and so is a form that declares a charset other than UTF-8. The answer is the service's localized error page (status code
/// pages re-execute it), never an exception deep inside model binding.
/// </summary>
public sealed class RequestInputGuard(RequestDelegate next, IOptions<RequestLimitsOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            await next(context);
            return;
        }

        var request = context.Request;
        var limit = options.Value.MaxBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (request.ContentLength > limit)
        {
            Refuse(context, StatusCodes.Status413PayloadTooLarge);
            return;
        }

        if (!IsCleanUtf8(request.QueryString.Value))
        {
            Refuse(context, StatusCodes.Status400BadRequest);
            return;
        }

        if (request.HasFormContentType)
        {
            try
            {
                if (!await FormIsCleanAsync(request, limit, context.RequestAborted))
                {
                    Refuse(context, StatusCodes.Status400BadRequest);
                    return;
                }
            }
            catch (Exception e) when (e is BadHttpRequestException or InvalidDataException or IOException)
            {
                // A chunked body over the limit, more fields or longer values than the form reader takes, a broken multipart body.
                Refuse(context, e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                    ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest);
                return;
            }
        }

        await next(context);
    }

    /// <summary>
    /// Sets the status and takes the refused input away: the error page (re-executed by status code pages) is
    /// rendered as for a GET without the query or body it could trip over.
    /// </summary>
    private static void Refuse(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Request.Method = HttpMethods.Get;
        context.Request.QueryString = QueryString.Empty;
        context.Request.ContentType = null;
        context.Request.ContentLength = 0;
        context.Request.Body = Stream.Null;
        context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
    }

    private static async Task<bool> FormIsCleanAsync(HttpRequest request, long limit, CancellationToken cancel)
    {
        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            // Browsers send no charset; one that is not UTF-8 would make the form reader turn letters into "?".
            if (Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
                && type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: limit);
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancel);
            request.Body.Position = 0;
            if (!IsCleanUtf8(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
            {
                return false;
            }
        }

        // The framework's reader (with its limits on fields and lengths) reads the form once, here, and keeps it for
        // model binding; multipart fields are checked for NUL (files are checked by whoever reads them).
        var form = await request.ReadFormAsync(cancel);
        return form.All(field => field.Value.All(value => value is null || !value.Contains('\0', StringComparison.Ordinal)));
    }

    /// <summary>Whether an url-encoded text ("a=%C3%BC&amp;b=x+y") decodes to UTF-8 without NUL.</summary>
    public static bool IsCleanUtf8(string? encoded) => string.IsNullOrEmpty(encoded) || IsCleanUtf8(Encoding.UTF8.GetBytes(encoded));

    /// <summary>Whether url-encoded bytes decode (percent escapes resolved, other bytes as they are) to UTF-8 without NUL.</summary>
    public static bool IsCleanUtf8(ReadOnlySpan<byte> encoded)
    {
        var decoded = ArrayPool<byte>.Shared.Rent(Math.Max(1, encoded.Length));
        try
        {
            var length = 0;
            for (var i = 0; i < encoded.Length; i++)
            {
                var b = encoded[i];
                if (b == (byte)'%' && i + 2 < encoded.Length && IsHex(encoded[i + 1]) && IsHex(encoded[i + 2]))
                {
                    decoded[length++] = (byte)((Hex(encoded[i + 1]) << 4) | Hex(encoded[i + 2]));
                    i += 2;
                }
                else
                {
                    decoded[length++] = b;
                }
            }

            var text = decoded.AsSpan(0, length);
            return !text.Contains((byte)0) && Utf8.IsValid(text);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(decoded);
        }
    }

    private static bool IsHex(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F');

    private static int Hex(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
