using System.Diagnostics;

namespace VoipBin.Realtime.Benchmarks;

/// <summary>
/// <c>throughput</c>: events per second delivered to N subscribers of one topic.
/// <c>memory</c>: server memory per idle connection.
/// <c>latency</c>: others' delivery latency with and without one stalled subscriber (--redis for two instances).
/// Options: --clients N, --kind raw|json|messagepack, --events N (per client), --payload bytes, --server PATH.
/// </summary>
internal static class BenchmarkCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchmarkOptions.Parse(args);
        if (options.Mode == "latency")
        {
            return await LatencyBenchmark.RunAsync(options);
        }

        await using var server = await ServerProcess.StartAsync(options);

        return options.Mode switch
        {
            "throughput" => await ThroughputBenchmark.RunAsync(server, options),
            "memory" => await MemoryBenchmark.RunAsync(server, options),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: throughput|memory [--clients N] [--kind raw|json|messagepack] [--events N]");
        return 2;
    }
}

internal sealed record BenchmarkOptions(
    string Mode,
    int Clients,
    string Kind,
    int Events,
    int PayloadBytes,
    string Server,
    int HoldSeconds,
    bool Redis)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        var defaultServer = Path.Combine(AppContext.BaseDirectory, "VoipBin.Realtime.dll");
        return new BenchmarkOptions(
            args.FirstOrDefault() ?? "throughput",
            int.Parse(Value("--clients", "2000")),
            Value("--kind", "raw"),
            int.Parse(Value("--events", "200")),
            int.Parse(Value("--payload", "100")),
            Value("--server", defaultServer),
            int.Parse(Value("--hold", "0")),
            args.Contains("--redis"));
    }
}

internal static class Timing
{
    public static double Seconds(long started) => Stopwatch.GetElapsedTime(started).TotalSeconds;
}
