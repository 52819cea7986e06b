using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace LeadGrains.Testing;

/// <summary>
/// The real LeadGrains server as a child process on loopback: what users run, reached over real
/// HTTP, and killable with SIGKILL for fault tests. Its output is kept for failure messages.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string AdminKey = "lg_testadmin_0123456789abcdefghijklmnopqrstuv";

    private readonly Dictionary<string, string> _environment;
    private readonly string[] _arguments;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private ServerProcess(string[] arguments, Dictionary<string, string> environment, int port)
    {
        _arguments = arguments;
        _environment = environment;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseAddress { get; }

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

    /// <summary>An embedded (SQLite) server on its own data directory.</summary>
    public static ServerProcess Sqlite(string dataDir, params string[] extra) =>
        Create(["--data-dir", dataDir, .. extra], new Dictionary<string, string>());

    /// <summary>A server on PostgreSQL; several with one connection string form one cluster.</summary>
    public static ServerProcess Postgres(string connectionString, params string[] extra) =>
        Create(["--storage", "postgres", .. extra], new Dictionary<string, string> { ["ConnectionStrings__LeadGrains"] = connectionString });

    private static ServerProcess Create(string[] arguments, Dictionary<string, string> environment)
    {
        var port = FreePort();
        environment["LEADGRAINS_BOOTSTRAP_API_KEY"] = AdminKey;
        environment["Logging__LogLevel__Default"] = "Warning";
        environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        string[] ports = ["--urls", $"http://127.0.0.1:{port}", "--silo-port", FreePort().ToString(), "--gateway-port", FreePort().ToString()];
        return new ServerProcess([.. arguments, .. ports], environment, port);
    }

    /// <summary>A new process with the same store, ports and settings: a restart after <see cref="Kill"/>.</summary>
    public ServerProcess Again() => new(_arguments, _environment, BaseAddress.Port);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string ServerDll
    {
        get
        {
            // Tests run from tests/X/bin/{Configuration}/net10.0: use the server built the same way.
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var dll = Path.Combine(RepositoryRoot.Path, "src", "LeadGrains.Server", "bin", configuration, "net10.0", "LeadGrains.Server.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the server first: " + dll);
        }
    }

    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        psi.ArgumentList.Add(ServerDll);
        foreach (var a in _arguments)
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var (k, v) in _environment)
        {
            psi.Environment[k] = v;
        }
        _process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start the server.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The server was not ready in time:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown hooks run, nothing is flushed — a crash.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public HttpClient Client(string? apiKey = AdminKey)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        return http;
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

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
    }
}
