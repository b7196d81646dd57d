using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PolicyHub.Testing;

/// <summary>
/// The Web app as an operating-system process of its own (the build output of src/PolicyHub.Web, run with
/// <c>dotnet</c>), for what an in-process server cannot show: being killed with SIGKILL, and its own peak memory.
/// Settings are handed over as environment variables (<c>Section__Key</c>), the way a deployment would.
/// </summary>
public sealed class WebProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private bool _disposed;

    private WebProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public int Id => _process.Id;

    /// <summary>Whether the process has ended (crashed, been killed).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote to stdout and stderr (for a failure message).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the Web app on <paramref name="url"/> and waits until /health/live answers.</summary>
    public static async Task<WebProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, string url, string environment = "Development")
    {
        var project = Path.Combine(SolutionDirectory(), "src", "PolicyHub.Web");
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0/
        var assembly = Path.Combine(project, "bin", configuration, "net10.0", "PolicyHub.Web.dll");
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"Build src/PolicyHub.Web in {configuration} first.", assembly);
        }

        // The project folder as working directory and content root, as `dotnet run` would (static files, settings).
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_URLS"] = url;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var web = new WebProcess(process, url);
        process.OutputDataReceived += (_, e) => web.Append(e.Data);
        process.ErrorDataReceived += (_, e) => web.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await web.WaitUntilLiveAsync();
        }
        catch
        {
            web.Dispose();
            throw;
        }

        return web;
    }

    /// <summary>SIGKILL: no shutdown code runs, no buffer is flushed, exactly like a crash or an OOM kill.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>
    /// A line of /proc/&lt;pid&gt;/status in bytes: VmHWM (peak resident set so far), VmRSS (resident now), RssAnon
    /// (the process's own memory: heap, stacks) or RssFile (file pages it maps, such as a memory-mapped database).
    /// </summary>
    public long MemoryBytes(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"No {field} line in /proc status.");
    }

    /// <summary>The processor time the process has used so far (user and system, all threads).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private async Task WaitUntilLiveAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The Web process exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync($"{Url}/health/live");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting up.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The Web process did not answer /health/live within 90 seconds:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static string SolutionDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PolicyHub.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("PolicyHub.sln not found above " + AppContext.BaseDirectory);
    }
}
