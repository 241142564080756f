// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using KvpDaemon.Protocol;

namespace KvpDaemon.Cli.Pools;

/// <summary>
/// The names hvkvp gives the five pools (docs/protocol.md 1.2), as the user types them and as output shows them: external
/// (0, what the host pushed), guest (1), auto (2), parameters or host (3, host facts), internal (4). Numbers work too.
/// </summary>
internal static class PoolNames
{
    /// <summary>The pools that <c>list</c> without <c>--pool</c> shows: all but the synthesized auto pool.</summary>
    public static readonly IReadOnlyList<KvpPool> Stored =
        [KvpPool.KVP_POOL_EXTERNAL, KvpPool.KVP_POOL_GUEST, KvpPool.KVP_POOL_AUTO_EXTERNAL, KvpPool.KVP_POOL_AUTO_INTERNAL];

    /// <summary>What <c>--pool</c> accepts, for help and error text.</summary>
    public const string Accepted = "external|guest|auto|parameters|host|internal|0-4";

    /// <summary>The canonical name of <paramref name="pool"/>.</summary>
    public static string NameOf(KvpPool pool) => pool switch
    {
        KvpPool.KVP_POOL_EXTERNAL => "external",
        KvpPool.KVP_POOL_GUEST => "guest",
        KvpPool.KVP_POOL_AUTO => "auto",
        KvpPool.KVP_POOL_AUTO_EXTERNAL => "parameters",
        KvpPool.KVP_POOL_AUTO_INTERNAL => "internal",
        _ => throw new ArgumentOutOfRangeException(nameof(pool), pool, "Pools are 0 to 4."),
    };

    /// <summary>"pool 0 (external)": how messages name a pool.</summary>
    public static string Describe(KvpPool pool) => $"pool {(int)pool} ({NameOf(pool)})";

    /// <summary>Parses a pool name (case-insensitive) or number.</summary>
    public static bool TryParse(string? text, out KvpPool pool)
    {
        pool = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            if (number is < 0 or >= KvpPools.KVP_POOL_COUNT)
            {
                return false;
            }

            pool = (KvpPool)number;
            return true;
        }

        switch (text.ToLowerInvariant())
        {
            case "external":
                pool = KvpPool.KVP_POOL_EXTERNAL;
                return true;
            case "guest":
                pool = KvpPool.KVP_POOL_GUEST;
                return true;
            case "auto":
                pool = KvpPool.KVP_POOL_AUTO;
                return true;
            case "parameters":
            case "host":
                pool = KvpPool.KVP_POOL_AUTO_EXTERNAL;
                return true;
            case "internal":
                pool = KvpPool.KVP_POOL_AUTO_INTERNAL;
                return true;
            default:
                return false;
        }
    }
}
