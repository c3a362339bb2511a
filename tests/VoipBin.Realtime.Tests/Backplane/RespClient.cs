using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using VoipBin.Realtime.Tests.Infrastructure;

namespace VoipBin.Realtime.Tests.Backplane;

/// <summary>
/// Just enough of the Redis protocol (RESP2) for tests to ask a server questions of their own, independent
/// of the client library under test. Replies: string, long, null, or an array of those.
/// </summary>
internal sealed class RespClient : IDisposable
{
    private readonly TcpClient _tcp = new();
    private StreamReader? _reader;
    private Stream? _stream;

    public async Task ConnectAsync(int port)
    {
        await _tcp.ConnectAsync(IPAddress.Loopback, port).Within();
        _stream = _tcp.GetStream();
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    public async Task<object?> ExecuteAsync(params string[] arguments)
    {
        var request = new StringBuilder().Append(CultureInfo.InvariantCulture, $"*{arguments.Length}\r\n");
        foreach (var argument in arguments)
        {
            var length = Encoding.UTF8.GetByteCount(argument);
            request.Append(CultureInfo.InvariantCulture, $"${length}\r\n{argument}\r\n");
        }

        await Stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString())).AsTask().Within();
        return await ReadReplyAsync().Within();
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _tcp.Dispose();
    }

    private Stream Stream => _stream ?? throw new InvalidOperationException("Connect first.");

    private async Task<object?> ReadReplyAsync()
    {
        var line = await (_reader ?? throw new InvalidOperationException("Connect first.")).ReadLineAsync()
            ?? throw new IOException("Redis closed the connection.");
        var body = line[1..];
        switch (line[0])
        {
            case '+':
                return body;
            case '-':
                throw new InvalidOperationException($"Redis answered an error: {body}");
            case ':':
                return long.Parse(body, CultureInfo.InvariantCulture);
            case '$':
                var length = int.Parse(body, CultureInfo.InvariantCulture);
                return length < 0 ? null : await ReadBulkAsync(length);
            case '*':
                return await ReadArrayAsync(int.Parse(body, CultureInfo.InvariantCulture));
            default:
                throw new InvalidOperationException($"Unexpected reply line '{line}'.");
        }
    }

    private async Task<string> ReadBulkAsync(int length)
    {
        // Test replies are ASCII (channel names, PONG), so characters and bytes agree.
        var buffer = new char[length + 2];
        await _reader!.ReadBlockAsync(buffer);
        return new string(buffer, 0, length);
    }

    private async Task<object?[]?> ReadArrayAsync(int count)
    {
        if (count < 0)
        {
            return null;
        }

        var items = new object?[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = await ReadReplyAsync();
        }

        return items;
    }
}
