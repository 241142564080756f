// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;
using KvpDaemon.Pools;
using KvpDaemon.Protocol;

namespace KvpDaemon.Cli.Pools;

/// <summary>
/// Checks keys and values typed by the user against what a pool record holds (docs/protocol.md 1.3 and 7: 511 and 2047
/// UTF-8 bytes before the NUL) and against what the host can read back, with messages that say which limit and by how
/// much.
/// </summary>
internal static class KvpInput
{
    /// <summary>
    /// The most UTF-16 code units of a key the host receives: both kernels convert at most (512 / 2) - 2 units and
    /// drop the rest silently (docs/protocol.md 1.3, QUIRK-17).
    /// </summary>
    public const int HostKeyUnits = 254;

    /// <summary>The most UTF-16 code units of a value the host receives: (2048 / 2) - 2 (docs/protocol.md 1.3).</summary>
    public const int HostValueUnits = 1022;

    /// <summary>The key as record bytes; a usage error when it is empty, too long or holds a NUL.</summary>
    public static KvpText Key(string key)
    {
        if (key.Length == 0)
        {
            throw new HvkvpException($"the key is empty; a KVP key holds 1 to {KvpRecord.MaxKeyBytes} UTF-8 bytes.");
        }

        RefuseNul(key, "key");
        var bytes = Encoding.UTF8.GetByteCount(key);
        if (bytes > KvpRecord.MaxKeyBytes)
        {
            throw new HvkvpException(
                $"the key is {bytes} UTF-8 bytes; a KVP key holds at most {KvpRecord.MaxKeyBytes} " +
                $"(the pool record's {KvpRecord.KeySize}-byte field less its NUL).");
        }

        return KvpText.FromString(key);
    }

    /// <summary>The value as record bytes; a usage error when it is too long or holds a NUL. Empty is allowed.</summary>
    public static KvpText Value(string value)
    {
        RefuseNul(value, "value");
        var bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes > KvpRecord.MaxValueBytes)
        {
            throw new HvkvpException(
                $"the value is {bytes} UTF-8 bytes; a KVP value holds at most {KvpRecord.MaxValueBytes} " +
                $"(the pool record's {KvpRecord.ValueSize}-byte field less its NUL).");
        }

        return KvpText.FromString(value);
    }

    /// <summary>Warnings for a key or value that fits a record but that the host will see truncated.</summary>
    public static IEnumerable<string> HostTruncationWarnings(string key, string value)
    {
        if (key.Length > HostKeyUnits)
        {
            yield return $"the key is {key.Length} UTF-16 code units; Hyper-V hosts read at most {HostKeyUnits} " +
                "and will see it truncated.";
        }

        if (value.Length > HostValueUnits)
        {
            yield return $"the value is {value.Length} UTF-16 code units; Hyper-V hosts read at most {HostValueUnits} " +
                "and will see it truncated.";
        }
    }

    private static void RefuseNul(string text, string what)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new HvkvpException(
                $"the {what} contains a NUL character, which ends a KVP string; it cannot be stored whole.");
        }
    }
}
