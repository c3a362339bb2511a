namespace VoipBin.Realtime.Tests.Infrastructure;

/// <summary>Bounded waits: every await in a test ends by a deadline, never by a sleep.</summary>
public static class Waiting
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);

    public static Task<T> Within<T>(this Task<T> task, TimeSpan? timeout = null) =>
        task.WaitAsync(timeout ?? Default);

    public static Task Within(this Task task, TimeSpan? timeout = null) => task.WaitAsync(timeout ?? Default);

    public static async Task<T> Within<T>(this ValueTask<T> task, TimeSpan? timeout = null) =>
        await task.AsTask().WaitAsync(timeout ?? Default);

    /// <summary>Polls a condition until it holds, failing with <paramref name="because"/> at the deadline.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Default);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {because}.");
            }

            await Task.Delay(20);
        }
    }
}
