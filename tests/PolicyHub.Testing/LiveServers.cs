using System.Security.Cryptography;
using System.Text;
using MimeKit;
using netDumbster.smtp;
using PolicyHub.Identity;
using PolicyHub.Web;

namespace PolicyHub.Testing;

public sealed class LiveServersOptions
{
    public bool SeedDemoAccounts { get; set; }

    /// <summary>Extra settings for the auth service (applied last).</summary>
    public Dictionary<string, string?> Identity { get; } = [];

    /// <summary>Extra settings for the Web app (applied last).</summary>
    public Dictionary<string, string?> Web { get; } = [];

    /// <summary>Replaces services of the Web app, such as its clock (only what lies outside the product: time).</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? WebServices { get; set; }
}

/// <summary>
/// Both services on real loopback ports, each with its own SQLite file in a fresh folder, and a real SMTP server
/// (netDumbster) receiving what the outbox sends. Start once per test class (IClassFixture) or per test.
/// </summary>
public sealed class LiveServers : IAsyncDisposable
{
    public const string WebClientId = "policyhub-web";
    public const string MachineClientId = "test-machine";
    public const string ForeignClientId = "foreign-app";

    private readonly int _identityPort;
    private readonly IReadOnlyDictionary<string, string?> _identitySettings;
    private readonly LiveServersOptions _options;
    private readonly List<LiveAppFactory<WebProgram>> _moreWebInstances = [];
    private bool _webStopped;

    private LiveServers(string dataDirectory, SimpleSmtpServer smtp, LiveAppFactory<IdentityProgram> identity, LiveAppFactory<WebProgram> web,
        string identityUrl, string webUrl, string machineSecret, string foreignRedirectUri,
        int identityPort, IReadOnlyDictionary<string, string?> identitySettings, IReadOnlyDictionary<string, string?> webSettings, LiveServersOptions options)
    {
        DataDirectory = dataDirectory;
        Smtp = smtp;
        Identity = identity;
        Web = web;
        IdentityUrl = identityUrl;
        WebUrl = webUrl;
        MachineSecret = machineSecret;
        ForeignRedirectUri = foreignRedirectUri;
        _identityPort = identityPort;
        _identitySettings = identitySettings;
        WebSettings = webSettings;
        _options = options;
    }

    public string DataDirectory { get; }
    public SimpleSmtpServer Smtp { get; }
    public LiveAppFactory<IdentityProgram> Identity { get; private set; }
    public LiveAppFactory<WebProgram> Web { get; }

    /// <summary>The Web app's settings, for starting it another way (a second instance, a separate process).</summary>
    public IReadOnlyDictionary<string, string?> WebSettings { get; }
    public string IdentityUrl { get; }
    public string WebUrl { get; }
    public string MachineSecret { get; }
    public string ForeignRedirectUri { get; }

    public static LiveServers Start(Action<LiveServersOptions>? configure = null)
    {
        var options = new LiveServersOptions();
        configure?.Invoke(options);

        var dataDirectory = Path.Combine(Path.GetTempPath(), "policyhub-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var smtp = SimpleSmtpServer.Start(FreePort.Next());
        var identityPort = FreePort.Next();
        var webPort = FreePort.Next();
        var identityUrl = $"http://127.0.0.1:{identityPort}";
        var webUrl = $"http://127.0.0.1:{webPort}";
        var webSecret = Secret();
        var machineSecret = Secret();
        var foreignRedirect = "http://127.0.0.1:1/callback";

        var common = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataDirectory"] = dataDirectory,
            ["Database:MigrateOnStartup"] = "true",
            ["Email:Delivery"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Outbox:PollInterval"] = "00:00:01",
            ["Email:Outbox:BaseRetryDelay"] = "00:00:01",
        };

        var identitySettings = new Dictionary<string, string?>(common)
        {
            ["AuthServer:AllowHttp"] = "true",
            ["AuthServer:UseEphemeralKeys"] = "true",
            ["PublicUrl"] = identityUrl,
            // A test class signs in, fails and resets passwords dozens of times a minute, all from 127.0.0.1.
            ["AuthServer:LoginAttemptsPerMinute"] = "120",
            ["AuthServer:SeedDemoAccounts"] = options.SeedDemoAccounts ? "true" : "false",
            ["AuthServer:ApplicationUrl"] = webUrl,
            ["AuthServer:Clients:0:ClientId"] = WebClientId,
            ["AuthServer:Clients:0:ClientSecret"] = webSecret,
            ["AuthServer:Clients:0:RedirectUris:0"] = $"{webUrl}/signin-oidc",
            ["AuthServer:Clients:0:PostLogoutRedirectUris:0"] = $"{webUrl}/signout-callback-oidc",
            ["AuthServer:Clients:0:ClientDirectory"] = "true",
            ["AuthServer:Clients:1:ClientId"] = MachineClientId,
            ["AuthServer:Clients:1:ClientSecret"] = machineSecret,
            ["AuthServer:Clients:1:AllowClientCredentials"] = "true",
            ["AuthServer:Clients:1:Scopes:0"] = "policyhub_api",
            ["AuthServer:Clients:2:ClientId"] = ForeignClientId,
            ["AuthServer:Clients:2:RedirectUris:0"] = foreignRedirect,
            ["AuthServer:Clients:2:Scopes:0"] = "profile",
            ["AuthServer:Clients:2:Scopes:1"] = "email",
            ["AuthServer:Clients:2:Scopes:2"] = "offline_access",
        };
        foreach (var (key, value) in options.Identity)
        {
            identitySettings[key] = value;
        }

        var webSettings = new Dictionary<string, string?>(common)
        {
            ["Oidc:Authority"] = identityUrl,
            ["PublicUrl"] = webUrl,
            ["Oidc:ClientId"] = WebClientId,
            ["Oidc:ClientSecret"] = webSecret,
            ["Oidc:RequireHttpsMetadata"] = "false",
            ["Demo:SeedOrganisation"] = options.SeedDemoAccounts ? "true" : "false",
        };
        foreach (var (key, value) in options.Web)
        {
            webSettings[key] = value;
        }

        var identity = new LiveAppFactory<IdentityProgram>(identityPort, "Development", identitySettings);
        identity.StartServer();
        var web = new LiveAppFactory<WebProgram>(webPort, "Development", webSettings, options.WebServices);
        web.StartServer();
        return new LiveServers(dataDirectory, smtp, identity, web, identityUrl, webUrl, machineSecret, foreignRedirect,
            identityPort, identitySettings, webSettings, options);
    }

    /// <summary>Stops the auth service (its database stays); <see cref="StartIdentity"/> brings it back on the same port.</summary>
    public async Task StopIdentityAsync() => await Identity.DisposeAsync();

    public void StartIdentity()
    {
        Identity = new LiveAppFactory<IdentityProgram>(_identityPort, "Development", _identitySettings);
        Identity.StartServer();
    }

    /// <summary>Stops the in-process Web app, so that its port can serve a Web process started from <see cref="WebSettings"/>.</summary>
    public async Task StopWebAsync()
    {
        _webStopped = true;
        await Web.DisposeAsync();
    }

    /// <summary>Another Web instance on the same database (and SMTP server), on its own port, with extra settings.</summary>
    public LiveAppFactory<WebProgram> StartAnotherWebInstance(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var port = FreePort.Next();
        var merged = new Dictionary<string, string?>(WebSettings) { ["PublicUrl"] = $"http://127.0.0.1:{port}" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        var web = new LiveAppFactory<WebProgram>(port, "Development", merged, _options.WebServices);
        web.StartServer();
        _moreWebInstances.Add(web);
        return web;
    }

    public static TestBrowser NewBrowser(string? acceptLanguage = "en") => new(acceptLanguage);

    /// <summary>
    /// The emails the SMTP server received so far. netDumbster copies its list without a lock, so a copy taken while
    /// a message arrives can throw; it is taken again.
    /// </summary>
    public IReadOnlyList<MimeMessage> ReceivedEmails()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return [.. Smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))];
            }
            catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or InvalidOperationException && attempt < 10)
            {
                Thread.Sleep(20);
            }
        }
    }

    /// <summary>Waits for the outbox to deliver an email to the address (the dispatcher polls every second here).</summary>
    public async Task<MimeMessage> WaitForEmailAsync(string to, Func<MimeMessage, bool>? match = null, int skip = 0)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var found = ReceivedEmails()
                .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, to, StringComparison.OrdinalIgnoreCase)))
                .Where(m => match is null || match(m))
                .Skip(skip)
                .FirstOrDefault();
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No email to {to} arrived within 20 seconds.");
    }

    /// <summary>
    /// Signs in to the Web app through the auth service, like a person in a browser; returns the page it lands on.
    /// With <paramref name="joinInvitations"/> (for tests about something else) the person then chooses Join on every
    /// invitation the start page shows, and the page it landed on is loaded again.
    /// </summary>
    public async Task<TestPage> SignInToWebAsync(TestBrowser browser, string email, string password, bool joinInvitations = true)
    {
        var login = await browser.GetAsync($"{WebUrl}/account/signin");
        if (!login.Url.StartsWith(IdentityUrl, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Expected the auth service's sign-in page, got {login.Url} ({login.Status}).");
        }

        var landed = await browser.SubmitAsync(login, "form[action^='/account/login']", new() { ["Email"] = email, ["Password"] = password });
        if (!joinInvitations || landed.Find(JoinForm) is null)
        {
            return landed;
        }

        var page = landed;
        for (var i = 0; i < 20 && page.Find(JoinForm) is not null; i++)
        {
            await browser.SubmitAsync(page, JoinForm, []);
            page = await browser.GetAsync(landed.Url);
        }

        // The way through sign-in stays visible to tests that look at it.
        return page with { Redirects = [.. landed.Redirects, .. page.Redirects] };
    }

    /// <summary>The Join button of the first invitation on a page.</summary>
    public const string JoinForm = "form[action^='/invitations/'][action$='/join']";

    private static string Secret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    public async ValueTask DisposeAsync()
    {
        foreach (var web in _moreWebInstances)
        {
            await web.DisposeAsync();
        }

        if (!_webStopped)
        {
            await Web.DisposeAsync();
        }

        await Identity.DisposeAsync();
        Smtp.Stop();
        Smtp.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing connection: the temp folder is cleaned by the OS.
        }
    }
}
