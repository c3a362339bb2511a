using System.ComponentModel;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.Backplane;

/// <summary>
/// A real <c>redis-server</c> process of the test's own, on a free loopback port, with nothing saved to
/// disk. A test can stop it and start it again on the same port. It never skips: when redis-server cannot
/// be started the test fails and says how to install it.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string InstallHint =
        "The backplane tests need redis-server on the PATH. Install it with scripts/prerequisites/redis.sh "
        + "(or: apt-get install -y redis-server), or run ./scripts/test.sh, which does that first.";

    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private RedisServer(int port)
    {
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server on a free port and waits until it answers PING.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        var server = Reserve();
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>
    /// Picks a free port for a server that is not started yet, as for an instance started before Redis.
    /// </summary>
    public static RedisServer Reserve()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new RedisServer(port);
    }

    /// <summary>Starts the process on <see cref="Port"/> and waits until it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("redis-server is already running.");
        }

        _process = Launch();
        await Waiting.UntilAsync(PingsAsync, $"redis-server on port {Port} answers PING");
    }

    /// <summary>Kills the process, as a crash would, and waits until it has exited.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        process.Kill();
        await process.WaitForExitAsync().Within();
    }

    /// <summary>Runs one command and returns its reply.</summary>
    public async Task<object?> CommandAsync(params string[] arguments)
    {
        using var client = new RespClient();
        await client.ConnectAsync(Port);
        return await client.ExecuteAsync(arguments);
    }

    /// <summary>
    /// The Redis channels with at least one subscriber whose name matches a glob-style pattern.
    /// </summary>
    public async Task<string[]> SubscribedChannelsAsync(string pattern)
    {
        var reply = await CommandAsync("PUBSUB", "CHANNELS", pattern);
        return ((object?[])reply!).Cast<string>().ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
    }

    private Process Launch()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Loopback only, nothing written to disk.
        string[] arguments = ["--port", $"{Port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException(InstallHint);
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"redis-server could not be started ({ex.Message}). {InstallHint}", ex);
        }

        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<bool> PingsAsync()
    {
        if (_process is { HasExited: true } exited)
        {
            throw new InvalidOperationException(
                $"redis-server exited with code {exited.ExitCode} on port {Port}:\n"
                + string.Join('\n', _output));
        }

        try
        {
            return await CommandAsync("PING") is "PONG";
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 50)
        {
            _output.TryDequeue(out _);
        }
    }
}
