using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PolicyHub.IntegrationTests;

/// <summary>
/// What the hostile-input matrix enumerates: every MVC endpoint of a service with its input fields, read from the
/// actions' parameters and the public properties of their models — so a new form or a new field is covered by
/// default — and the hostile values that suit each field's type.
/// </summary>
internal static partial class HostileInputs
{
    public enum FieldKind { Text, MultiLineText, ParsedText, Number, Date, Other, ReturnUrl }

    public sealed record Field(string Name, FieldKind Kind, bool FromQuery);

    public sealed record Endpoint(string Method, string Pattern, IReadOnlyList<Field> Fields)
    {
        public override string ToString() => $"{Method} {Pattern}";
    }

    /// <summary>A value as it is written into an url-encoded body or query string (already encoded).</summary>
    public sealed record Value(string Name, string Encoded);

    /// <summary>The fields whose text is parsed as Markdown or Liquid: they also get the deeply nested payloads.</summary>
    private static readonly HashSet<string> Parsed = new(StringComparer.OrdinalIgnoreCase) { "Markdown", "Body" };

    /// <summary>Plain-text fields that are textareas: tabs and line breaks are text there, not an attack.</summary>
    private static readonly HashSet<string> MultiLine = new(StringComparer.OrdinalIgnoreCase) { "ChangeSummary", "Reason", "Description", "Comment", "Text" };

    public static IReadOnlyList<Endpoint> All(IServiceProvider services)
        => services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Action: e.Metadata.GetMetadata<ControllerActionDescriptor>()))
            .Where(e => e.Action is not null)
            .SelectMany(e => (e.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => new Endpoint(method, "/" + e.Endpoint.RoutePattern.RawText!.TrimStart('/'), FieldsOf(e.Action!, method))))
            .Where(e => e.Fields.Count > 0)
            .DistinctBy(e => e.ToString())
            .OrderBy(e => e.Pattern, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)
            .ToList();

    /// <summary>The hostile values for one field of the given kind.</summary>
    /// <param name="kind">The field's kind.</param>
    /// <param name="inQuery">Whether the value goes into a query string (where 100 KB stands for "too large": no browser sends megabytes there).</param>
    public static IEnumerable<Value> For(FieldKind kind, bool inQuery)
    {
        yield return new("NUL", Encode("a\0b"));
        yield return new("invalid UTF-8", "%C3%28%FF");
        yield return inQuery ? new("100 KB", new string('x', 100 * 1024)) : new("5 MB", new string('x', 5 * 1024 * 1024));
        switch (kind)
        {
            case FieldKind.Text or FieldKind.MultiLineText or FieldKind.ParsedText or FieldKind.ReturnUrl:
                yield return new("U+202E", Encode("abc\u202Edef"));
                yield return new("zero-width only", Encode("\u200B\u200C\u200D\u2060"));
                if (kind is FieldKind.Text or FieldKind.ReturnUrl)
                {
                    yield return new("tab and newline", Encode("a\tb\nc"));
                }

                break;
            case FieldKind.Number:
                yield return new("negative", "-1");
                yield return new("huge", "99999999999999999999");
                yield return new("below int", "-2147483649");
                break;
            case FieldKind.Date:
                yield return new("0001-01-01", "0001-01-01");
                yield return new("9999-12-31", "9999-12-31");
                break;
        }

        if (kind is FieldKind.ParsedText)
        {
            yield return new("quote 200 deep", Encode(new string('>', 200) + " x"));
            yield return new("list 200 deep", Encode(string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', i * 2) + "- x\n"))));
            yield return new("Liquid parentheses 200 deep", Encode("{{ " + new string('(', 200) + "a" + new string(')', 200) + " }}"));
            yield return new("Liquid if 200 deep", Encode(string.Concat(Enumerable.Repeat("{% if a %}", 200)) + "x" + string.Concat(Enumerable.Repeat("{% endif %}", 200))));
        }

        if (kind == FieldKind.ReturnUrl)
        {
            yield return new("U+3000", Encode("/\u3000"));
            yield return new("non-ASCII path", Encode("/ü"));
            yield return new("other host", Encode("//evil.example/"));
        }
    }

    public static string Encode(string value) => Uri.EscapeDataString(value);

    /// <summary>An url-encoded body or query: the given pairs (values already encoded).</summary>
    public static string Join(IEnumerable<KeyValuePair<string, string>> pairs) => string.Join('&', pairs.Select(p => $"{Encode(p.Key)}={p.Value}"));

    /// <summary>An url-encoded body as browsers send it: no charset (the bytes are UTF-8 by the form's page).</summary>
    public static HttpContent Body(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(Join(pairs)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return content;
    }

    private static List<Field> FieldsOf(ControllerActionDescriptor action, string method)
    {
        var fields = new List<Field>();
        var fromQuery = method is "GET" or "HEAD";
        foreach (var parameter in action.Parameters)
        {
            var source = parameter.BindingInfo?.BindingSource;
            if (source == BindingSource.Path || source == BindingSource.Services || source == BindingSource.Special
                || parameter.ParameterType == typeof(CancellationToken) || action.AttributeRouteInfo?.Template?.Contains("{" + parameter.Name, StringComparison.Ordinal) == true)
            {
                continue;
            }

            var query = fromQuery || source == BindingSource.Query;
            if (KindOf(parameter.ParameterType, parameter.Name) is { } kind)
            {
                fields.Add(new(parameter.Name, kind, query));
                continue;
            }

            foreach (var property in parameter.ParameterType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic && p.GetCustomAttribute<Microsoft.AspNetCore.Mvc.ModelBinding.BindNeverAttribute>() is null))
            {
                var type = property.PropertyType;
                if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
                {
                    type = type.GetGenericArguments()[0];
                }

                if (property.PropertyType == typeof(Dictionary<string, string?>))
                {
                    fields.Add(new($"{property.Name}[company_name]", FieldKind.Text, query));
                }
                else if (property.PropertyType == typeof(Dictionary<Guid, int>))
                {
                    // Keyed by row ids (the comprehension check's answers by question): a key of no row, and hostile keys.
                    fields.Add(new($"{property.Name}[{Guid.Empty}]", FieldKind.Number, query));
                    fields.Add(new($"{property.Name}[not-a-guid]", FieldKind.Number, query));
                }
                else if (KindOf(type, property.Name) is { } propertyKind)
                {
                    fields.Add(new(property.Name, propertyKind, query));
                }
            }
        }

        return fields;
    }

    private static FieldKind? KindOf(Type type, string name)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) && name.Equals("returnUrl", StringComparison.OrdinalIgnoreCase) => FieldKind.ReturnUrl,
            _ when type == typeof(string) => Parsed.Contains(name) ? FieldKind.ParsedText : MultiLine.Contains(name) ? FieldKind.MultiLineText : FieldKind.Text,
            _ when type == typeof(int) || type == typeof(long) => FieldKind.Number,
            _ when type == typeof(DateTime) || type == typeof(DateOnly) => FieldKind.Date,
            _ when type == typeof(bool) || type == typeof(Guid) || type.IsEnum => FieldKind.Other,
            _ when type == typeof(IFormFile) => null,
            _ => null,
        };
    }
}
