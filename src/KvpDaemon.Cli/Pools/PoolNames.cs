// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using KvpDaemon.Protocol;

namespace KvpDaemon.Cli.Pools;

/// <summary>
/// The names hvkvp gives the five pools (docs/protocol.md 1.2), as the user types them and as output shows them: external
/// (0, what the host pushed), guest (1), intrinsic (2), parameters or host (3, host facts), internal (4). Numbers work
/// too, and so does "auto" for pool 2, the headers' word, which earlier versions of hvkvp used (docs/protocol.md 1.2).
/// </summary>
internal static class PoolNames
{
    /// <summary>The pools that <c>list</c> without <c>--pool</c> shows: all but the synthesized intrinsic pool.</summary>
    public static readonly IReadOnlyList<KvpPool> Stored =
        [KvpPool.External, KvpPool.Guest, KvpPool.Parameters, KvpPool.Internal];

    /// <summary>What <c>--pool</c> accepts, for help and error text.</summary>
    public const string Accepted = "external|guest|intrinsic|parameters|host|internal|0-4";

    /// <summary>The canonical name of <paramref name="pool"/>.</summary>
    public static string NameOf(KvpPool pool) => pool switch
    {
        KvpPool.External => "external",
        KvpPool.Guest => "guest",
        KvpPool.Intrinsic => "intrinsic",
        KvpPool.Parameters => "parameters",
        KvpPool.Internal => "internal",
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
                pool = KvpPool.External;
                return true;
            case "guest":
                pool = KvpPool.Guest;
                return true;
            case "intrinsic":
            case "auto":
                pool = KvpPool.Intrinsic;
                return true;
            case "parameters":
            case "host":
                pool = KvpPool.Parameters;
                return true;
            case "internal":
                pool = KvpPool.Internal;
                return true;
            default:
                return false;
        }
    }
}
