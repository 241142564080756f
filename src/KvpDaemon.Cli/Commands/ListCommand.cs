// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using KvpDaemon.Cli.Json;
using KvpDaemon.Cli.Pools;
using KvpDaemon.Pools;
using KvpDaemon.Protocol;

namespace KvpDaemon.Cli.Commands;

/// <summary>
/// <c>hvkvp list [--pool P] [--json]</c>: one pool's records, or those of every stored pool (0, 1, 3, 4) in pool
/// order. JSON: one <see cref="PoolListing"/> for <c>--pool</c>, else an array of them.
/// </summary>
internal static class ListCommand
{
    public static Command Create(CommandContext context) => PoolOutputCommand.Create(
        context,
        "list",
        "List the keys and values of the pools",
        poolHelp: "The pool to list [default: external, guest, parameters and internal]",
        jsonHelp: "Print {\"pool\",\"poolName\",\"items\":[{\"key\",\"value\"}]} (an array of them without --pool)",
        (invocation, output) =>
        {
            if (output.Pool is { } single)
            {
                var listing = Listing(single, invocation.Pools.Read(single));
                if (output.Json)
                {
                    JsonOutput.WriteLine(invocation.Output, listing, HvkvpJsonContext.Default.PoolListing);
                }
                else
                {
                    WriteTable(invocation.Output, [listing]);
                }

                return ExitCodes.Success;
            }

            var listings = PoolNames.Stored.Select(stored => Listing(stored, invocation.Pools.Read(stored))).ToArray();
            if (output.Json)
            {
                JsonOutput.WriteLine(invocation.Output, listings, HvkvpJsonContext.Default.PoolListingArray);
            }
            else
            {
                WriteTable(invocation.Output, listings);
            }

            return ExitCodes.Success;
        });

    /// <summary>The records as a listing, in file order, duplicates included (the file's truth, not the daemon's view).</summary>
    public static PoolListing Listing(KvpPool pool, IReadOnlyList<KvpRecord> records) => new(
        (int)pool,
        PoolNames.NameOf(pool),
        records.Select(record => new KeyValueItem(record.Key.ToString(), record.Value.ToString())).ToArray());

    private static void WriteTable(TextWriter output, IReadOnlyList<PoolListing> listings) => TextOutput.WriteTable(
        output,
        ["POOL", "KEY", "VALUE"],
        listings.SelectMany(listing => listing.Items.Select(item => new[] { listing.PoolName, item.Key, item.Value })).ToList());
}
