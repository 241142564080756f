// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Protocol;

namespace KvpDaemon.Cli.Pools;

/// <summary>Which pools each command may use (hvkvp(1), POOLS), with the message that explains a refusal.</summary>
internal static class PoolRules
{
    /// <summary>
    /// Refuses the intrinsic pool for reading: its items are synthesized by the daemon at ENUMERATE time and never stored
    /// (docs/protocol.md 4.5), so an empty <c>.kvp_pool_2</c> says nothing about what the host sees.
    /// </summary>
    public static void RequireStored(KvpPool pool)
    {
        if (pool == KvpPool.Intrinsic)
        {
            throw new HvkvpException(
                ExitCodes.Usage,
                "pool 2 (intrinsic) is not stored in a file: hypervkvpd synthesizes the guest's intrinsic items " +
                "(FullyQualifiedDomainName, OSName, NetworkAddressIPv4, ...) each time the host asks for them, so " +
                ".kvp_pool_2 stays empty. The host shows them as GuestIntrinsicExchangeItems.");
        }
    }

    /// <summary>
    /// Refuses writes to the intrinsic pool always, and to the pools the host writes (0, 3, 4) unless the user said
    /// <c>--host-pool</c>: a guest write there is invisible to the host and fakes host data for guest software.
    /// </summary>
    public static void RequireWritable(KvpPool pool, bool hostPoolAllowed)
    {
        if (pool == KvpPool.Intrinsic)
        {
            throw new HvkvpException(
                ExitCodes.Usage,
                "pool 2 (intrinsic) is never writable: hypervkvpd synthesizes its items when the host asks and ignores " +
                ".kvp_pool_2. Guest items for the host belong in pool 1 (guest), the default.");
        }

        if (pool != KvpPool.Guest && !hostPoolAllowed)
        {
            throw new HvkvpException(
                ExitCodes.Usage,
                $"{PoolNames.Describe(pool)} holds what the host pushes into the guest; the host never reads it back, " +
                "and guest software would take the change for host data. Pass --host-pool to write it anyway.");
        }
    }
}
