using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PolicyHub.Demo;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;
using PolicyHub.Testing;

namespace PolicyHub.Benchmarks.Load;

/// <summary>
/// p50/p95 latency of the three pages people wait for most, on a generated database (policyhub-datagen), through
/// the real stack: both services on loopback, a demo account signed in through the auth service, the page's
/// queries on the 20,000-person organisation. Baseline: the same signed-in client fetching /health/live, the
/// cheapest answer the Web app gives, in the same run.
/// </summary>
public static class PageLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        var database = Path.GetFullPath(Option(args, "--database") ?? throw new ArgumentException("--database <generated SQLite file> is required."));
        // The in-process servers find their content (views, settings) relative to the build output.
        Environment.CurrentDirectory = AppContext.BaseDirectory;
        var slug = Option(args, "--slug") ?? "bench";
        var samples = int.Parse(Option(args, "--samples") ?? "200", CultureInfo.InvariantCulture);
        await using var servers = LiveServers.Start(o =>
        {
            o.SeedDemoAccounts = true;
            o.Web["ConnectionStrings:PolicyHub"] = $"Data Source={database}";
            o.Web["Demo:SeedOrganisation"] = "false";
            // Background rounds would compete with the pages; they wait a full interval before their first run.
            o.Web["Reminders:Interval"] = "1.00:00:00";
            o.Web["Campaigns:SyncInterval"] = "1.00:00:00";
            o.Web["Checkpoints:Interval"] = "1.00:00:00";
            o.Web["Logging:LogLevel:Default"] = "Warning";
            // --sql: log every command with its duration, to see where a page spends its time.
            o.Web["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = args.Contains("--sql") ? "Information" : "Warning";
            o.Identity["Logging:LogLevel:Default"] = "Warning";
        });

        var options = new DbContextOptionsBuilder<PolicyHubDbContext>().UsePolicyHubProvider(DatabaseProvider.Sqlite, $"Data Source={database}").Options;
        Guid assignment, version;
        await using (var db = new PolicyHubDbContext(options))
        {
            var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Slug == slug);
            db.UseTenant(tenant.Id);
            // The largest assignment and its version: the heaviest dashboard and report.
            var largest = await db.AcknowledgementRequests.AsNoTracking().GroupBy(r => r.AssignmentId).Select(g => new { g.Key, Count = g.Count() })
                .OrderByDescending(g => g.Count).FirstAsync();
            assignment = largest.Key;
            version = await db.Assignments.Where(a => a.Id == assignment).Select(a => a.PolicyVersionId).SingleAsync();

            await RebindDemoPeopleAsync(db);
        }

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var pages = new (string Name, string Person, string Path, int Samples)[]
        {
            ("Baseline: /health/live", "employee", "/health/live", samples),
            ("Employee: organisation page (to acknowledge)", "employee", $"/o/{slug}", samples),
            ("Employee: start page", "employee", "/", samples),
            ("HR: assignment dashboard", "hr", $"/o/{slug}/assignments/{assignment}", samples),
            ("Compliance: who has not acknowledged version N", "compliance", $"/o/{slug}/compliance/outstanding?version={version}&asOf={today}", samples),
            // Not one of the target pages, measured to know it: every policy's coverage, over all 2,000,000 requests.
            ("Compliance: coverage of every policy (10 samples after 2)", "compliance", $"/o/{slug}/compliance", Math.Min(samples, 10)),
        };

        var browsers = new Dictionary<string, TestBrowser>();
        foreach (var person in pages.Select(p => p.Person).Distinct())
        {
            var browser = LiveServers.NewBrowser();
            await servers.SignInToWebAsync(browser, $"{person}@{DemoPeople.Domain}", DemoPeople.Password);
            browsers[person] = browser;
        }

        Console.WriteLine($"{samples} sequential requests per page after 10 warm-up requests; organisation /o/{slug}.");
        Console.WriteLine("| Page | p50 ms | p95 ms | p50 / baseline p50 |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        double? baseline = null;
        foreach (var (name, person, path, count) in pages)
        {
            var http = browsers[person].Http;
            var times = new List<double>(count);
            var warmUp = count == samples ? 10 : 2;
            for (var i = 0; i < count + warmUp; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await http.GetAsync(servers.WebUrl + path);
                var body = await response.Content.ReadAsByteArrayAsync();
                watch.Stop();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{path} answered {(int)response.StatusCode} for {person}.");
                }

                if (i >= warmUp)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            times.Sort();
            var p50 = Percentile(times, 0.50);
            var p95 = Percentile(times, 0.95);
            baseline ??= p50;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {p50:F1} | {p95:F1} | {p50 / baseline.Value:F1} |"));
        }

        foreach (var browser in browsers.Values)
        {
            browser.Dispose();
        }

        return 0;
    }

    /// <summary>
    /// Each run has a fresh auth service (new subjects): the demo people's memberships in the generated organisation
    /// wait for their first sign-in again, which binds them to the new accounts.
    /// </summary>
    internal static async Task RebindDemoPeopleAsync(PolicyHubDbContext db)
    {
        var demo = DemoPeople.All.Select(p => Core.Tenancy.Membership.Normalize(p.Email)).ToList();
        await db.Memberships.Where(m => demo.Contains(m.NormalizedEmail))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Subject, (string?)null).SetProperty(m => m.Status, Core.Tenancy.MembershipStatus.Invited));
    }

    internal static double Percentile(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    internal static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
