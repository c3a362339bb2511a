using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using VoipBin.Realtime.Auth;

namespace VoipBin.Realtime.Benchmarks;

/// <summary>The hub in a process of its own, pinned to CPU 0 with taskset, on a free loopback port.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    public const string SigningKey = "voipbin-realtime-benchmark-signing-key-0123456789";

    // Runtime settings a benchmark run may pass to the server as BENCH_<name>, for GC trials and profiling.
    private static readonly string[] PassedThrough =
    [
        "DOTNET_gcServer", "DOTNET_GCgen0size", "DOTNET_GCConserveMemory",
        "DOTNET_PerfMapEnabled", "DOTNET_EnableWriteXorExecute",
    ];

    private readonly Process _process;

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public static async Task<ServerProcess> StartAsync(BenchmarkOptions options, params string[] extraArguments)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("taskset")
        {
            ArgumentList =
            {
                "-c", "0", "dotnet", options.Server,
                $"--urls=http://127.0.0.1:{port}", "--environment=Production",
                $"--Auth:SigningKey={SigningKey}", "--Logging:LogLevel:Default=Warning",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (options.Mode != "latency")
        {
            // Throughput and memory runs push far past one client's normal budget and rate on purpose.
            start.ArgumentList.Add("--Limits:SubscribeBurst=100000");
            start.ArgumentList.Add("--Limits:OutboundQueueBytes=67108864");
            start.ArgumentList.Add("--Limits:SendTimeout=00:01:00");
        }

        foreach (var argument in extraArguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in PassedThrough)
        {
            if (Environment.GetEnvironmentVariable("BENCH_" + name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        await server.WaitUntilHealthyAsync();
        return server;
    }

    public static string Token(Guid customer, params string[] permissions) =>
        TokenIssuer.Issue(SigningKey, customer, Guid.NewGuid(), permissions, DateTimeOffset.UtcNow.AddHours(1));

    /// <summary>The server's resident memory, from /proc.</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status")
            .First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        var error = await _process.StandardError.ReadToEndAsync();
        throw new TimeoutException("The server did not become healthy: " + error);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
