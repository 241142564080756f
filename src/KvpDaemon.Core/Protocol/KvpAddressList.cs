// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;

namespace KvpDaemon.Protocol;

/// <summary>
/// Joins addresses into the ';'-separated lists of GET_IP_INFO and the pool-2 address items (protocol.md 4.5 and 5.2),
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
        ArgumentNullException.ThrowIfNull(items);
        var text = new StringBuilder();
        foreach (var item in items)
        {
            var needed = item.Length + (trailingSeparator || text.Length > 0 ? 1 : 0);
            if (text.Length + needed > maxBytes)
            {
                break;
            }

            if (!trailingSeparator && text.Length > 0)
            {
                text.Append(Separator);
            }

            text.Append(item);
            if (trailingSeparator)
            {
                text.Append(Separator);
            }
        }

        return text.ToString();
    }

    /// <summary>Splits a list the host sent: items are separated by ';', leading spaces skipped, empty items dropped.</summary>
    public static IReadOnlyList<string> Split(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return list.Split(Separator, StringSplitOptions.RemoveEmptyEntries)
            .Select(item => item.TrimStart(' '))
            .Where(item => item.Length > 0)
            .ToArray();
    }
}
