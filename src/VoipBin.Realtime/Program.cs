using VoipBin.Realtime.Auth;
using VoipBin.Realtime.Hosting;

if (args is [TokenCommand.Verb, ..])
{
    var configuration = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();
    return TokenCommand.Run(args[1..], configuration, Console.Out, Console.Error);
}

await RealtimeServer.Create(args).RunAsync();
return 0;
