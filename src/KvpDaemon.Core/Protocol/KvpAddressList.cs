// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;

namespace KvpDaemon.Protocol;

/// <summary>
/// Joins addresses into the ';'-separated lists of GET_IP_INFO and the pool-2 address items (docs/protocol.md 4.5 and 5.2),
/// in the platform's separator style, within a byte budget. An item that does not fit is left out whole: a list is cut
/// at a separator, never inside an address.
/// </summary>
internal static class KvpAddressList
{
    public const char Separator = ';';

    /// <param name="items">The items, in order; they are ASCII (addresses, masks, prefix lengths).</param>
    /// <param name="trailingSeparator">Whether every item is followed by ';', or only separated by it.</param>
    /// <param name="maxBytes">The most bytes the text may take, terminator excluded.</param>
    public static string Join(IEnumerable<string> items, bool trailingSeparator, int maxBytes)
    {
        var list = items as IReadOnlyList<string> ?? items.ToArray();
        var count = FittingCount(list, trailingSeparator, maxBytes);
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (!trailingSeparator && text.Length > 0)
            {
                text.Append(Separator);
            }

            text.Append(list[i]);
            if (trailingSeparator)
            {
                text.Append(Separator);
            }
        }

        return text.ToString();
    }

    /// <summary>How many leading items <see cref="Join"/> keeps within <paramref name="maxBytes"/>.</summary>
    public static int FittingCount(IReadOnlyList<string> items, bool trailingSeparator, int maxBytes)
    {
        var length = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var needed = items[i].Length + (trailingSeparator || length > 0 ? 1 : 0);
            if (length + needed > maxBytes)
            {
                return i;
            }

            length += needed;
        }

        return items.Count;
    }

    /// <summary>Splits a list the host sent: items are separated by ';', leading spaces skipped, empty items dropped.</summary>
    public static IReadOnlyList<string> Split(string list)
    {
        return list.Split(Separator, StringSplitOptions.RemoveEmptyEntries)
            .Select(item => item.TrimStart(' '))
            .Where(item => item.Length > 0)
            .ToArray();
    }
}
