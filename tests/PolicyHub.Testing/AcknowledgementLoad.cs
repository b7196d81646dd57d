using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PolicyHub.Core.Acknowledgements;
using PolicyHub.Demo;

namespace PolicyHub.Testing;

/// <summary>One acknowledgement a person is about to submit: the request and the fields of its form as the page rendered them.</summary>
public sealed record PreparedAcknowledgement(Guid RequestId, Dictionary<string, string> Fields);

/// <summary>One answer the Web app gave to an acknowledgement: the receipt it redirected to, or what went wrong.</summary>
public sealed record AcknowledgementAnswer(Guid RequestId, Guid? AcknowledgementId, HttpStatusCode? Status, string? Error, double Milliseconds);

/// <summary>
/// Many people of Demo GmbH acknowledging at once through the real endpoint: each signed in through the auth
/// service with their own cookie, each submitting the acknowledge form (antiforgery token included) of their open
/// requests one after another, all people at the same time. Used by the crash test and the load benchmark.
/// </summary>
public sealed class AcknowledgementLoad : IDisposable
{
    private AcknowledgementLoad(IReadOnlyList<LoadPerson> people) => People = people;

    public IReadOnlyList<LoadPerson> People { get; }

    public int Requests => People.Sum(p => p.RequestIds.Count);

    /// <summary>
    /// Imports <paramref name="people"/> new members into a department of their own, gives each an account and signs
    /// each in (which binds the invitation), then publishes <paramref name="policies"/> policies assigned to that
    /// department: people × policies open requests.
    /// </summary>
    public static async Task<AcknowledgementLoad> PrepareAsync(LiveServers servers, int people, int policies)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var department = $"Load {tag}";
        using var admin = LiveServers.NewBrowser();
        using var hr = LiveServers.NewBrowser();
        using var approver = LiveServers.NewBrowser();
        await servers.SignInToWebAsync(admin, $"admin@{DemoPeople.Domain}", DemoPeople.Password);
        await servers.SignInToWebAsync(hr, $"hr@{DemoPeople.Domain}", DemoPeople.Password);
        await servers.SignInToWebAsync(approver, $"approver@{DemoPeople.Domain}", DemoPeople.Password);

        var csv = new StringBuilder("email,name,department,location,roles\n");
        var emails = Enumerable.Range(1, people).Select(i => $"load{i:00000}.{tag}@example.test").ToList();
        for (var i = 0; i < people; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{emails[i]},Load Person {tag} {i + 1:00000},{department},Berlin,Employee\n");
        }

        var import = await admin.UploadAsync(await admin.GetAsync($"{servers.WebUrl}/o/{DemoOrganisation.Slug}/members/import"), "main form", "File", "load.csv", Encoding.UTF8.GetBytes(csv.ToString()));
        if (import.Status != HttpStatusCode.OK || import.ErrorMessages.Count > 0)
        {
            throw new InvalidOperationException($"Import failed: {string.Join(" / ", import.ErrorMessages)}");
        }

        var signedIn = new List<(string Email, TestBrowser Browser)>();
        foreach (var email in emails)
        {
            await servers.CreateConfirmedAccountAsync(email, email);
            var browser = LiveServers.NewBrowser();
            var landed = await servers.SignInToWebAsync(browser, email, DemoOrganisation.AccountPassword);
            if (landed.Url != $"{servers.WebUrl}/")
            {
                throw new InvalidOperationException($"Signing in {email} ended at {landed.Url} ({landed.Status}); the auth service allows AuthServer:LoginAttemptsPerMinute per address.");
            }

            signedIn.Add((email, browser));
        }

        for (var p = 1; p <= policies; p++)
        {
            var policy = await servers.PublishBlankPolicyAsync(hr, approver, $"Load policy {tag} {p}");
            await servers.AssignToDepartmentAsync(hr, policy, department);
        }

        var requests = await servers.InTenantAsync(DemoOrganisation.Slug, db => db.AcknowledgementRequests.AsNoTracking()
            .Where(r => r.Status == RequestStatus.Open && db.Memberships.Any(m => m.Id == r.MembershipId && m.Email.EndsWith($".{tag}@example.test")))
            .Join(db.Memberships, r => r.MembershipId, m => m.Id, (r, m) => new { m.Email, r.Id })
            .ToListAsync());
        var byPerson = requests.ToLookup(r => r.Email, r => r.Id, StringComparer.OrdinalIgnoreCase);
        return new AcknowledgementLoad(signedIn.Select(s => new LoadPerson(s.Email, s.Browser, byPerson[s.Email].Order().ToList())).ToList());
    }

    /// <summary>Opens every request's page once, as the person would before ticking the box, and keeps its form fields.</summary>
    public async Task<IReadOnlyDictionary<LoadPerson, IReadOnlyList<PreparedAcknowledgement>>> ReadAllAsync(string webUrl)
    {
        var prepared = new ConcurrentDictionary<LoadPerson, IReadOnlyList<PreparedAcknowledgement>>();
        await Parallel.ForEachAsync(People, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (person, _) =>
        {
            var forms = new List<PreparedAcknowledgement>();
            foreach (var request in person.RequestIds)
            {
                var page = await person.Browser.GetAsync($"{webUrl}/o/{DemoOrganisation.Slug}/requests/{request}");
                var form = page.Find("#acknowledge-form") ?? throw new InvalidOperationException($"No acknowledge form for {request}: {page.Status} at {page.Url} ({page.Find("h1")?.TextContent.Trim()})");
                var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? string.Empty);
                fields["Confirmed"] = "true";
                forms.Add(new PreparedAcknowledgement(request, fields));
            }

            prepared[person] = forms;
        });
        return prepared;
    }

    /// <summary>
    /// Every person submits their prepared acknowledgements one after another, all people at once. A person stops
    /// at the first failure (a refused connection once the server is gone); <paramref name="onAnswer"/> sees each answer.
    /// </summary>
    public static async Task<IReadOnlyList<AcknowledgementAnswer>> SubmitAllAsync(
        string webUrl, IReadOnlyDictionary<LoadPerson, IReadOnlyList<PreparedAcknowledgement>> prepared, Action<AcknowledgementAnswer>? onAnswer = null)
    {
        var answers = new ConcurrentBag<AcknowledgementAnswer>();
        await Task.WhenAll(prepared.Select(async entry =>
        {
            await Task.Yield();
            foreach (var acknowledgement in entry.Value)
            {
                var answer = await SubmitAsync(webUrl, entry.Key.Browser, acknowledgement);
                answers.Add(answer);
                onAnswer?.Invoke(answer);
                if (answer.AcknowledgementId is null)
                {
                    break;
                }
            }
        }));
        return answers.ToList();
    }

    private static async Task<AcknowledgementAnswer> SubmitAsync(string webUrl, TestBrowser browser, PreparedAcknowledgement acknowledgement)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await browser.PostRawAsync($"{webUrl}/o/{DemoOrganisation.Slug}/requests/{acknowledgement.RequestId}", acknowledgement.Fields);
            var location = response.Headers.Location?.ToString();
            var receipt = response.StatusCode == HttpStatusCode.Redirect && location is not null && location.Contains("/acknowledgements/", StringComparison.Ordinal)
                ? Guid.Parse(location.Split("/acknowledgements/")[1].Split('/', '?')[0])
                : (Guid?)null;
            return new AcknowledgementAnswer(acknowledgement.RequestId, receipt, response.StatusCode, receipt is null ? $"answered {(int)response.StatusCode} {location}" : null, watch.Elapsed.TotalMilliseconds);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return new AcknowledgementAnswer(acknowledgement.RequestId, null, null, ex.GetType().Name + ": " + ex.Message, watch.Elapsed.TotalMilliseconds);
        }
    }

    public void Dispose()
    {
        foreach (var person in People)
        {
            person.Browser.Dispose();
        }
    }
}

public sealed record LoadPerson(string Email, TestBrowser Browser, IReadOnlyList<Guid> RequestIds);
