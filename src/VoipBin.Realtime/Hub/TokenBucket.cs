namespace VoipBin.Realtime.Hub;

/// <summary>
/// A token bucket that starts full and refills continuously, read from a <see cref="TimeProvider"/> so tests
/// control time. It holds no timer, which keeps an idle connection cheap.
/// </summary>
internal sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly double _ratePerSecond;
    private readonly double _capacity;
    private double _tokens;
    private long _lastRefill;

    public TokenBucket(TimeProvider time, double ratePerSecond, int capacity)
    {
        _time = time;
        _ratePerSecond = ratePerSecond;
        _capacity = capacity;
        _tokens = capacity;
        _lastRefill = time.GetTimestamp();
    }

    public bool TryTake()
    {
        lock (_gate)
        {
            Refill();
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_lastRefill, now);
        _lastRefill = now;
        _tokens = Math.Min(_capacity, _tokens + elapsed.TotalSeconds * _ratePerSecond);
    }
}
