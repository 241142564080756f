// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using KvpDaemon.Cli.Json;
using KvpDaemon.Protocol;

namespace KvpDaemon.Cli.Commands;

/// <summary>
/// <c>hvkvp params [--json]</c>: the host facts the host pushes into pool 3 (HostName, PhysicalHostName,
/// VirtualMachineName, ...), what a Windows guest finds under <c>Virtual Machine\Guest\Parameter</c> (docs/compatibility.md F.2).
/// </summary>
internal static class ParamsCommand
{
    public static Command Create(CommandContext context)
    {
        var json = CommandContext.JsonOption("Print {\"pool\":3,\"poolName\":\"parameters\",\"items\":[{\"key\",\"value\"}]}");
        var command = new Command("params", "Show the host facts in pool 3 (HostName, VirtualMachineName, ...)") { json };
        context.SetAction(command, invocation =>
        {
            const KvpPool Pool = KvpPool.Parameters;
            var listing = ListCommand.Listing(Pool, invocation.Pools.Read(Pool));
            if (invocation.ParseResult.GetValue(json))
            {
                JsonOutput.WriteLine(invocation.Output, listing, HvkvpJsonContext.Default.PoolListing);
            }
            else
            {
                TextOutput.WriteTable(invocation.Output, ["KEY", "VALUE"], listing.Items.Select(item => new[] { item.Key, item.Value }).ToList());
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
