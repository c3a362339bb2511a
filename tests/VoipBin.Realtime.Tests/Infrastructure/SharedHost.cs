namespace VoipBin.Realtime.Tests.Infrastructure;

/// <summary>
/// One host for every test of a class (an xunit class fixture). Tests of one class run one after another, and
/// each uses customer ids of its own, so nothing they do can be seen by another test.
/// </summary>
public class SharedHost : IAsyncLifetime
{
    private RealtimeHost? _host;

    public RealtimeHost Host => _host ?? throw new InvalidOperationException("The host has not started yet.");

    /// <summary>Settings that override <c>appsettings.json</c> for this fixture's host.</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    public async Task InitializeAsync() => _host = await RealtimeHost.StartAsync(Settings);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
