using System.Diagnostics;
using System.Net.Sockets;

namespace VoipBin.Realtime.Benchmarks;

/// <summary>A throwaway redis-server on a free loopback port, pinned to CPU 0 like the hub instances.</summary>
internal sealed class RedisProcess : IAsyncDisposable
{
    private readonly Process _process;

    private RedisProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<RedisProcess> StartAsync()
    {
        var port = ServerProcess.FreePort();
        var start = new ProcessStartInfo("taskset")
        {
            ArgumentList =
            {
                "-c", "0", "redis-server", "--port", port.ToString(), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no",
            },
            RedirectStandardOutput = true,
        };

        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return new RedisProcess(process, port);
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException("redis-server did not listen in time; is it installed (scripts/prerequisites)?");
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
