using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using PolicyHub.Data.Database;
using PolicyHub.Testing;

namespace PolicyHub.Benchmarks.Load;

/// <summary>
/// Acknowledgements per second through the real endpoint against raw ADO.NET inserts of the same rows.
/// <para>
/// HTTP: both services on loopback; N people of Demo GmbH, each signed in through the auth service with their own
/// cookie, each with P open requests whose pages they have opened (form and antiforgery token in hand); then the
/// Web app is restarted as its own process (as in production: its own runtime, server GC, no load client on its
/// threads) and all people submit at once, each their P acknowledgements one after another. Every submit is the
/// full path: cookie, antiforgery, membership check, evidence row, requests answered, audit event appended to the
/// chain, one transaction. The Web process's processor time is read from /proc before and after.
/// </para>
/// <para>
/// Baseline, same process, same run: a copy of the database taken just before the HTTP run, the same SQLite
/// settings (WAL, the same synchronous mode, the connection pragmas the app uses), N concurrent connections, and for
/// each acknowledgement one transaction that inserts the very rows the HTTP run wrote: the evidence row, the request
/// update, the chain head update and the audit event (hashes precomputed, so the baseline does no hashing).
/// </para>
/// </summary>
public static class AcknowledgeThroughput
{
    private const int WarmUpPolicies = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        Environment.CurrentDirectory = AppContext.BaseDirectory;
        var people = int.Parse(PageLatency.Option(args, "--people") ?? "50", CultureInfo.InvariantCulture);
        var policies = int.Parse(PageLatency.Option(args, "--policies") ?? "10", CultureInfo.InvariantCulture);
        Console.WriteLine($"{people} people acknowledging {policies} policies each, all at once ({people * policies} acknowledgements per run).");
        Console.WriteLine("| synchronous | HTTP ack/s | HTTP p50 ms | HTTP p95 ms | Web CPU ms per ack | raw insert ack/s | raw CPU ms per ack | HTTP / raw |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var mode in new[] { SqliteSynchronous.Full, SqliteSynchronous.Normal })
        {
            await RunModeAsync(mode, people, policies);
        }

        return 0;
    }

    private static async Task RunModeAsync(SqliteSynchronous mode, int people, int policies)
    {
        await using var servers = LiveServers.Start(o =>
        {
            o.SeedDemoAccounts = true;
            o.Web["Database:SqliteSynchronous"] = mode.ToString();
            o.Web["Reminders:Interval"] = "1.00:00:00";
            o.Web["Campaigns:SyncInterval"] = "1.00:00:00";
            o.Web["Checkpoints:Interval"] = "1.00:00:00";
            o.Web["Logging:LogLevel:Default"] = "Warning";
            o.Identity["Logging:LogLevel:Default"] = "Warning";
            o.Identity["AuthServer:LoginAttemptsPerMinute"] = "1000"; // every load person signs in from 127.0.0.1
            o.Identity["AuthServer:TokenRequestsPerMinute"] = "10000"; // and the Web app redeems every code from 127.0.0.1
        });
        using var load = await AcknowledgementLoad.PrepareAsync(servers, people, policies + WarmUpPolicies);
        var all = await load.ReadAllAsync(servers.WebUrl);
        var warmUp = all.ToDictionary(p => p.Key, p => (IReadOnlyList<PreparedAcknowledgement>)[.. p.Value.Take(WarmUpPolicies)]);
        var forms = all.ToDictionary(p => p.Key, p => (IReadOnlyList<PreparedAcknowledgement>)[.. p.Value.Skip(WarmUpPolicies)]);
        var database = Path.Combine(servers.DataDirectory, "policyhub.db");

        // The cookies and antiforgery tokens stay valid in the Web process: the data-protection keys live in the database.
        await servers.StopWebAsync();
        SqliteConnection.ClearAllPools();
        using var web = await WebProcess.StartAsync(servers.WebSettings, servers.WebUrl);
        // Warm-up, not measured: every person acknowledges their first policies the same way, so that the measured run
        // meets compiled (tier-1) code, as a Web app that has been running for a while does.
        await AcknowledgementLoad.SubmitAllAsync(servers.WebUrl, warmUp);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var before = Path.Combine(servers.DataDirectory, "before.db");
        await ExecuteAsync(database, $"VACUUM INTO '{before}';");
        var webCpu = web.ProcessorTime;
        var watch = Stopwatch.StartNew();
        var answers = await AcknowledgementLoad.SubmitAllAsync(servers.WebUrl, forms);
        var http = watch.Elapsed;
        webCpu = web.ProcessorTime - webCpu;
        var failed = answers.Where(a => a.AcknowledgementId is null).ToList();
        if (failed.Count > 0 || answers.Count != people * policies)
        {
            throw new InvalidOperationException($"{failed.Count} of {answers.Count} acknowledgements failed: {failed.FirstOrDefault()?.Error}");
        }

        var rows = await RecordedRowsAsync(database, answers.Select(a => a.AcknowledgementId!.Value).ToHashSet());
        var byPerson = load.People.ToDictionary(p => p, p => forms[p].Select(f => rows[f.RequestId]).ToList());
        var rawCpu = Process.GetCurrentProcess().TotalProcessorTime;
        watch.Restart();
        await Task.WhenAll(byPerson.Values.Select(list => Task.Run(() => InsertAsync(before, mode, list))));
        var raw = watch.Elapsed;
        rawCpu = Process.GetCurrentProcess().TotalProcessorTime - rawCpu;

        var latencies = answers.Select(a => a.Milliseconds).Order().ToList();
        var httpRate = answers.Count / http.TotalSeconds;
        var rawRate = answers.Count / raw.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {mode.ToString().ToUpperInvariant()} | {httpRate:F0} | {latencies[latencies.Count / 2]:F1} | {latencies[(int)(latencies.Count * 0.95)]:F1} | {webCpu.TotalMilliseconds / answers.Count:F1} | {rawRate:F0} | {rawCpu.TotalMilliseconds / answers.Count:F2} | {httpRate / rawRate:F2} |"));
    }

    /// <summary>The rows the HTTP run wrote for each acknowledgement, keyed by request: what the baseline writes again.</summary>
    private static async Task<Dictionary<Guid, RecordedAcknowledgement>> RecordedRowsAsync(string database, HashSet<Guid> acknowledgements)
    {
        await using var connection = await OpenAsync(database, SqliteSynchronous.Full);
        var evidence = await ReadRowsAsync(connection, "SELECT * FROM Acknowledgements");
        var audit = (await ReadRowsAsync(connection, "SELECT * FROM AuditEvents WHERE Action = 'acknowledgement.recorded'"))
            .ToDictionary(a => (string)a["EntityId"], StringComparer.OrdinalIgnoreCase);
        var requests = (await ReadRowsAsync(connection, "SELECT Id, Status, AcknowledgedAt, AcknowledgementId, NextReminderAt FROM AcknowledgementRequests WHERE AcknowledgementId IS NOT NULL"))
            .ToDictionary(r => (string)r["Id"], StringComparer.OrdinalIgnoreCase);
        var result = new Dictionary<Guid, RecordedAcknowledgement>();
        foreach (var row in evidence.Where(r => acknowledgements.Contains(Guid.Parse((string)r["Id"]))))
        {
            result[Guid.Parse((string)row["RequestId"])] = new RecordedAcknowledgement(row, requests[(string)row["RequestId"]], audit[(string)row["Id"]]);
        }

        return result;
    }

    private static async Task InsertAsync(string database, SqliteSynchronous mode, List<RecordedAcknowledgement> acknowledgements)
    {
        await using var connection = await OpenAsync(database, mode);
        foreach (var acknowledgement in acknowledgements)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await InsertRowAsync(connection, transaction, "Acknowledgements", acknowledgement.Evidence);
            await using (var update = connection.CreateCommand())
            {
                update.Transaction = transaction;
                update.CommandText = "UPDATE AcknowledgementRequests SET Status = $status, AcknowledgedAt = $at, AcknowledgementId = $id, NextReminderAt = $next WHERE Id = $request;";
                update.Parameters.AddWithValue("$status", acknowledgement.Request["Status"]);
                update.Parameters.AddWithValue("$at", acknowledgement.Request["AcknowledgedAt"]);
                update.Parameters.AddWithValue("$id", acknowledgement.Request["AcknowledgementId"]);
                update.Parameters.AddWithValue("$next", acknowledgement.Request["NextReminderAt"]);
                update.Parameters.AddWithValue("$request", acknowledgement.Request["Id"]);
                await update.ExecuteNonQueryAsync();
                update.CommandText = "UPDATE AuditChainHeads SET LastSequence = $sequence, LastHash = $hash WHERE TenantId = $tenant;";
                update.Parameters.Clear();
                update.Parameters.AddWithValue("$sequence", acknowledgement.Audit["Sequence"]);
                update.Parameters.AddWithValue("$hash", acknowledgement.Audit["Hash"]);
                update.Parameters.AddWithValue("$tenant", acknowledgement.Audit["TenantId"]);
                await update.ExecuteNonQueryAsync();
            }

            await InsertRowAsync(connection, transaction, "AuditEvents", acknowledgement.Audit);
            await transaction.CommitAsync();
        }
    }

    private static async Task InsertRowAsync(SqliteConnection connection, SqliteTransaction transaction, string table, Dictionary<string, object> row)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", row.Keys)}) VALUES ({string.Join(", ", row.Keys.Select(k => "$" + k))});";
        foreach (var (column, value) in row)
        {
            insert.Parameters.AddWithValue("$" + column, value);
        }

        await insert.ExecuteNonQueryAsync();
    }

    private static async Task<List<Dictionary<string, object>>> ReadRowsAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static async Task<SqliteConnection> OpenAsync(string database, SqliteSynchronous mode)
    {
        var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA journal_mode = WAL; " + SqliteConnectionSettings.PragmasFor(mode);
        await pragmas.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = await OpenAsync(database, SqliteSynchronous.Full);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private sealed record RecordedAcknowledgement(Dictionary<string, object> Evidence, Dictionary<string, object> Request, Dictionary<string, object> Audit);
}
