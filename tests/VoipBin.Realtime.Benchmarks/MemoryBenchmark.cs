namespace VoipBin.Realtime.Benchmarks;

/// <summary>
/// Server memory per idle connection: connects two equal waves of subscribed, idle clients and divides the
/// growth of the server's resident memory over the second wave by its size, which leaves out start-up costs.
/// </summary>
internal static class MemoryBenchmark
{
    public static async Task<int> RunAsync(ServerProcess server, BenchmarkOptions options)
    {
        var customer = Guid.NewGuid();
        var first = await ThroughputBenchmark.ConnectAllAsync(server, options, customer, "call");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var afterFirst = server.ResidentBytes();

        var second = await ThroughputBenchmark.ConnectAllAsync(server, options, customer, "call");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var afterSecond = server.ResidentBytes();

        var perConnection = (afterSecond - afterFirst) / (double)options.Clients;
        Console.WriteLine($"memory kind={options.Kind}: {perConnection / 1024:F1} KiB per idle connection " +
            $"(RSS {afterFirst / 1048576} MiB -> {afterSecond / 1048576} MiB over {options.Clients} more)");
        if (options.HoldSeconds > 0)
        {
            // Time to inspect the server (for example with dotnet-gcdump) while the connections are open.
            Console.WriteLine($"holding {options.HoldSeconds} s; server pid {server.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(options.HoldSeconds));
        }

        await Task.WhenAll(first.Concat(second).Select(client => client.CloseAsync()));
        return 0;
    }
}
