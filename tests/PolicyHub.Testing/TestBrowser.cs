using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace PolicyHub.Testing;

/// <summary>A page as a person sees it: where they ended up, the status, the parsed document.</summary>
public sealed record TestPage(string Url, HttpStatusCode Status, IHtmlDocument Document, HttpResponseMessage Response, IReadOnlyList<string> Redirects)
{
    public string Text => Document.Body?.TextContent ?? string.Empty;

    public IElement? Find(string selector) => Document.QuerySelector(selector);

    public IReadOnlyList<string> ErrorMessages => Document
        .QuerySelectorAll(".field-validation-error, .alert-danger div, .alert-danger")
        .Select(e => e.TextContent.Trim())
        .Where(t => t.Length > 0)
        .Distinct()
        .ToList();
}

/// <summary>
/// An HTTP client that behaves like a browser for server-rendered pages: keeps cookies, follows redirects
/// itself (so tests can see the chain), and submits forms with every field the page rendered (antiforgery included).
/// </summary>
public sealed class TestBrowser : IDisposable
{
    private readonly HttpClient _client;
    private readonly HtmlParser _parser = new();

    public TestBrowser(string? acceptLanguage)
    {
        Cookies = new CookieContainer();
        // A request that says "Expect: 100-continue" waits for the server's go-ahead however busy the machine is (the
        // default is one second, after which the body is sent anyway and a 413 arrives as a reset connection).
        _client = new HttpClient(new SocketsHttpHandler
        {
            CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true, Expect100ContinueTimeout = TimeSpan.FromSeconds(60),
        })
        {
            Timeout = TimeSpan.FromSeconds(90),
        };
        if (acceptLanguage is not null)
        {
            _client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }
    }

    public CookieContainer Cookies { get; }

    public HttpClient Http => _client;

    public async Task<TestPage> GetAsync(string url) => await FollowAsync(new HttpRequestMessage(HttpMethod.Get, url), []);

    /// <summary>Fills the form found by the selector and submits it (optionally with the named submit button).</summary>
    public async Task<TestPage> SubmitAsync(TestPage page, string formSelector, Dictionary<string, string> values, (string Name, string Value)? submitter = null)
    {
        var form = page.Document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}. Page text: {page.Text[..Math.Min(500, page.Text.Length)]}");
        var fields = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button"):
                    if (values.TryGetValue(input.Name, out var value))
                    {
                        if (seen.Add(input.Name))
                        {
                            fields.Add(new(input.Name, value));
                        }
                    }
                    else if (input.Type is "checkbox" or "radio")
                    {
                        if (input.IsChecked)
                        {
                            fields.Add(new(input.Name, string.IsNullOrEmpty(input.Value) ? "on" : input.Value));
                        }
                    }
                    else
                    {
                        fields.Add(new(input.Name, input.Value));
                    }

                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name, values.TryGetValue(area.Name, out var text) ? text : area.Value));
                    seen.Add(area.Name);
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    if (values.TryGetValue(select.Name, out var chosen))
                    {
                        fields.Add(new(select.Name, chosen));
                    }
                    else if (select.IsMultiple)
                    {
                        // Like a browser: each selected option, or nothing at all.
                        fields.AddRange(select.SelectedOptions.Select(o => new KeyValuePair<string, string>(select.Name, o.Value)));
                    }
                    else
                    {
                        fields.Add(new(select.Name, select.Value ?? string.Empty));
                    }

                    seen.Add(select.Name);
                    break;
            }
        }

        foreach (var (name, value) in values.Where(v => !seen.Contains(v.Key) && fields.All(f => f.Key != v.Key)))
        {
            fields.Add(new(name, value));
        }

        if (submitter is { } button)
        {
            fields.Add(new(button.Name, button.Value));
        }

        var action = form.GetAttribute("action");
        var target = new Uri(new Uri(page.Url), string.IsNullOrEmpty(action) ? page.Url : action);
        var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new FormUrlEncodedContent(fields) };
        return await FollowAsync(request, []);
    }

    /// <summary>Uploads a file through the form (multipart), with the form's other fields.</summary>
    public async Task<TestPage> UploadAsync(TestPage page, string formSelector, string fileField, string fileName, byte[] content)
    {
        var form = page.Document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}.");
        using var body = new MultipartFormDataContent();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name) && i.Type is not ("file" or "submit")))
        {
            body.Add(new StringContent(input.Value), input.Name!);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        body.Add(file, fileField, fileName);
        var action = form.GetAttribute("action");
        var target = new Uri(new Uri(page.Url), string.IsNullOrEmpty(action) ? page.Url : action);
        return await FollowAsync(new HttpRequestMessage(HttpMethod.Post, target) { Content = body }, []);
    }

    /// <summary>The antiforgery token of the signed-in session, read from a page that renders a form (every layout does).</summary>
    public async Task<string> AntiforgeryTokenAsync(string pageUrl)
    {
        var page = await GetAsync(pageUrl);
        return page.Find("input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {page.Url}.");
    }

    /// <summary>Sends a request without following redirects, for status-code assertions.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, Dictionary<string, string>? form = null)
        => _client.SendAsync(new HttpRequestMessage(method, url) { Content = form is null ? null : new FormUrlEncodedContent(form) });

    /// <summary>Posts raw fields (for tests that send what a form would not, such as a missing antiforgery token).</summary>
    public Task<HttpResponseMessage> PostRawAsync(string url, Dictionary<string, string> fields)
        => _client.PostAsync(url, new FormUrlEncodedContent(fields));

    private async Task<TestPage> FollowAsync(HttpRequestMessage request, List<string> redirects)
    {
        for (var hop = 0; hop < 15; hop++)
        {
            var response = await _client.SendAsync(request);
            var url = request.RequestUri!.ToString();
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
                or HttpStatusCode.RedirectKeepVerb or HttpStatusCode.TemporaryRedirect or HttpStatusCode.MovedPermanently)
            {
                var location = new Uri(request.RequestUri!, response.Headers.Location!);
                redirects.Add(location.ToString());
                request = new HttpRequestMessage(HttpMethod.Get, location);
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            return new TestPage(url, response.StatusCode, await _parser.ParseDocumentAsync(html), response, redirects);
        }

        throw new InvalidOperationException("Too many redirects: " + string.Join(" -> ", redirects));
    }

    public void Dispose() => _client.Dispose();
}
