using VoipBin.Realtime.Benchmarks;

// Measures the hub from outside, as clients see it: the server runs as its own process pinned to one core,
// this process (the clients) on the other. See README.md "Benchmarks".
return await BenchmarkCommand.RunAsync(args);
