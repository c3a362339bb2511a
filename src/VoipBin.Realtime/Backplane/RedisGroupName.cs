using System.Globalization;
using System.Text;

namespace VoipBin.Realtime.Backplane;

/// <summary>
/// Spells a group name so that two names differing only in case stay two groups over Redis. SignalR's Redis
/// lifetime manager remembers a connection's groups case-insensitively while Redis channels are
/// case-sensitive: a connection subscribed to <c>call:abc</c> and then <c>call:ABC</c> would silently never
/// get the second. The spelling holds no upper-case letters and nothing outside ASCII, so it compares the
/// same either way, and it is one-to-one, so distinct topics stay distinct groups. Names already in that
/// alphabet (lower-case ids, UUIDs) are kept as they are.
/// </summary>
internal static class RedisGroupName
{
    private const char Escape = '^';
    private const char NonAscii = '~';

    public static string Encode(string group)
    {
        if (!NeedsEscaping(group))
        {
            return group;
        }

        var spelled = new StringBuilder(group.Length + 8);
        foreach (var c in group)
        {
            if (c == Escape)
            {
                spelled.Append(Escape).Append(Escape);
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                spelled.Append(Escape).Append(char.ToLowerInvariant(c));
            }
            else if (!char.IsAscii(c))
            {
                var code = ((int)c).ToString("x4", CultureInfo.InvariantCulture);
                spelled.Append(Escape).Append(NonAscii).Append(code);
            }
            else
            {
                spelled.Append(c);
            }
        }

        return spelled.ToString();
    }

    public static IReadOnlyList<string> Encode(IReadOnlyList<string> groups)
    {
        var spelled = new string[groups.Count];
        for (var i = 0; i < groups.Count; i++)
        {
            spelled[i] = Encode(groups[i]);
        }

        return spelled;
    }

    private static bool NeedsEscaping(string group)
    {
        foreach (var c in group)
        {
            if (c == Escape || char.IsAsciiLetterUpper(c) || !char.IsAscii(c))
            {
                return true;
            }
        }

        return false;
    }
}
