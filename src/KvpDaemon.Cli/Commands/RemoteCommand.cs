// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using System.Globalization;
using KvpDaemon.Cli.Json;
using KvpDaemon.Remote;

namespace KvpDaemon.Cli.Commands;

/// <summary>
/// <c>hvkvp remote URI [options] COMMAND</c>: a VM's KVP items on a Hyper-V host, over WS-Management, with libvirt's
/// hyperv:// URIs (docs/remote.md). Commands: list-vms; vm VM intrinsic|guest|host; add|modify|upsert VM KEY VALUE;
/// remove VM KEY; network VM. Failures: 2 for usage (bad URI, no password), 3 for the connection, WinRM or Hyper-V.
/// </summary>
internal static class RemoteCommand
{
    /// <summary>libvirt's suggested user when neither the URI nor --user names one.</summary>
    public const string DefaultUser = "administrator";

    /// <summary>The command's name.</summary>
    public const string Name = "remote";

    /// <summary>The exit statuses of remote commands, as <c>hvkvp remote --help</c> lists them (hvkvp(1), REMOTE).</summary>
    public const string ExitStatusHelp = """
        Exit status:
          0    success
          2    usage error: bad option or URI (hyperv://[user@]host[:port]/[?transport=http]), no password
          3    the host could not be reached, or WinRM or Hyper-V refused or failed the request
          70   internal error (a bug in hvkvp)
        """;

    public static Command Create(CommandContext context, Func<string, string?> environment)
    {
        var options = new RemoteOptions();
        var command = new Command(Name, "Read and write a VM's KVP items on a Hyper-V host over WS-Management (WinRM)")
        {
            options.Uri, options.User, options.PasswordFile, options.Insecure, options.CaFile, options.Timeout, options.Json,
        };

        var listVms = new Command("list-vms", "List the host's virtual machines");
        Run(context, environment, options, listVms, async (session, parsed, cancellationToken) =>
        {
            var vms = await session.Client.ListVmsAsync(cancellationToken).ConfigureAwait(false);
            if (parsed.GetValue(options.Json))
            {
                JsonOutput.WriteLine(context.Output, vms.Select(vm => new RemoteVmJson(vm.Name, vm.Id, vm.State)).ToArray(), RemoteJsonContext.Default.RemoteVmJsonArray);
            }
            else
            {
                TextOutput.WriteTable(context.Output, ["NAME", "STATE", "ID"], vms.Select(vm => new[] { vm.Name, vm.State, vm.Id }).ToList());
            }
        });

        var vmName = VmArgument();
        var which = new Argument<string>("ITEMS")
        {
            Description = "intrinsic (FQDN, OS, addresses: pool 2), guest (pool 1) or host (pushed by the host: pool 0)",
        };
        which.AcceptOnlyFromAmong("intrinsic", "guest", "host");
        var vm = new Command("vm", "Show a VM's KVP items") { vmName, which };
        Run(context, environment, options, vm, async (session, parsed, cancellationToken) =>
        {
            var target = await session.Client.FindVmAsync(parsed.GetValue(vmName)!, cancellationToken).ConfigureAwait(false);
            var items = parsed.GetValue(which) switch
            {
                "intrinsic" => await session.Client.GetIntrinsicItemsAsync(target, cancellationToken).ConfigureAwait(false),
                "guest" => await session.Client.GetGuestItemsAsync(target, cancellationToken).ConfigureAwait(false),
                _ => await session.Client.GetHostItemsAsync(target, cancellationToken).ConfigureAwait(false),
            };
            if (parsed.GetValue(options.Json))
            {
                JsonOutput.WriteLine(context.Output, items.Select(item => new RemoteItemJson(item.Name, item.Data, item.Source)).ToArray(), RemoteJsonContext.Default.RemoteItemJsonArray);
            }
            else
            {
                TextOutput.WriteTable(context.Output, ["KEY", "VALUE"], items.Select(item => new[] { item.Name, item.Data }).ToList());
            }
        });

        var network = new Command("network", "Show the guest's NIC configuration (Msvm_GuestNetworkAdapterConfiguration)") { VmArgument() };
        Run(context, environment, options, network, async (session, parsed, cancellationToken) =>
        {
            var target = await session.Client.FindVmAsync(parsed.GetValue((Argument<string>)network.Arguments[0])!, cancellationToken).ConfigureAwait(false);
            var adapters = await session.Client.GetNetworkAsync(target, cancellationToken).ConfigureAwait(false);
            if (parsed.GetValue(options.Json))
            {
                JsonOutput.WriteLine(
                    context.Output,
                    adapters.Select(a => new RemoteAdapterJson(a.InstanceId, a.DhcpEnabled, a.IpAddresses, a.Subnets, a.DefaultGateways, a.DnsServers)).ToArray(),
                    RemoteJsonContext.Default.RemoteAdapterJsonArray);
            }
            else
            {
                TextOutput.WriteTable(
                    context.Output,
                    ["ADAPTER", "DHCP", "ADDRESSES", "SUBNETS", "GATEWAYS", "DNS"],
                    adapters.Select(a => new[]
                    {
                        a.InstanceId,
                        a.DhcpEnabled switch { true => "yes", false => "no", null => "-" },
                        string.Join(' ', a.IpAddresses),
                        string.Join(' ', a.Subnets),
                        string.Join(' ', a.DefaultGateways),
                        string.Join(' ', a.DnsServers),
                    }).ToList());
            }
        });

        command.Add(listVms);
        command.Add(vm);
        command.Add(network);
        command.Add(ChangeCommand(context, environment, options, "add", "Add a host item (pool 0); fails if the key exists"));
        command.Add(ChangeCommand(context, environment, options, "modify", "Change a host item; fails if the key does not exist"));
        command.Add(ChangeCommand(context, environment, options, "upsert", "Add a host item, or change it if it exists"));
        command.Add(ChangeCommand(context, environment, options, "remove", "Remove a host item"));
        return command;
    }

    private static Argument<string> VmArgument() => new("VM") { Description = "The VM's name (as Hyper-V Manager shows it) or GUID" };

    private static Command ChangeCommand(CommandContext context, Func<string, string?> environment, RemoteOptions options, string name, string description)
    {
        var vmName = VmArgument();
        var key = new Argument<string>("KEY") { Description = "The key" };
        var command = new Command(name, description) { vmName, key };
        Argument<string>? value = null;
        if (name != "remove")
        {
            value = new Argument<string>("VALUE") { Description = "The value" };
            command.Add(value);
        }

        Run(context, environment, options, command, async (session, parsed, cancellationToken) =>
        {
            var target = await session.Client.FindVmAsync(parsed.GetValue(vmName)!, cancellationToken).ConfigureAwait(false);
            var item = new KvpDataItem(parsed.GetValue(key)!, value is null ? string.Empty : parsed.GetValue(value)!, KvpDataItem.HostSource);
            bool? created = null;
            switch (name)
            {
                case "add":
                    await session.Client.AddAsync(target, [item], cancellationToken).ConfigureAwait(false);
                    break;
                case "modify":
                    await session.Client.ModifyAsync(target, [item], cancellationToken).ConfigureAwait(false);
                    break;
                case "upsert":
                    created = await session.Client.UpsertAsync(target, item, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await session.Client.RemoveAsync(target, [item], cancellationToken).ConfigureAwait(false);
                    break;
            }

            if (parsed.GetValue(options.Json))
            {
                JsonOutput.WriteLine(
                    context.Output,
                    new RemoteChangeJson(target.Name, name, item.Name, value is null ? null : item.Data, created),
                    RemoteJsonContext.Default.RemoteChangeJson);
            }
            else
            {
                var verb = name switch
                {
                    "add" => "Added",
                    "modify" => "Modified",
                    "upsert" => created == true ? "Added" : "Modified",
                    _ => "Removed",
                };
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{verb} host item '{item.Name}' of VM '{target.Name}'."));
            }
        });
        return command;
    }

    /// <summary>Sets <paramref name="command"/>'s action: connect, run <paramref name="body"/>, map failures to messages.</summary>
    private static void Run(
        CommandContext context,
        Func<string, string?> environment,
        RemoteOptions options,
        Command command,
        Func<RemoteSession, ParseResult, CancellationToken, Task> body)
    {
        command.SetAction(async (parsed, cancellationToken) =>
        {
            try
            {
                RemoteInput.Check(parsed);
                using var session = RemoteSession.Open(parsed, options, environment, context.Error);
                await body(session, parsed, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (HvkvpException e)
            {
                return Fail(context, e.ExitCode, e.Message);
            }
            catch (HyperVUriException e)
            {
                return Fail(context, ExitCodes.Usage, e.Message);
            }
            catch (WsManException e)
            {
                return Fail(context, ExitCodes.IoError, e.Message);
            }
            catch (HyperVException e)
            {
                return Fail(context, ExitCodes.IoError, e.Message);
            }
        });
    }

    private static int Fail(CommandContext context, int exitCode, string message)
    {
        context.Error.WriteLine($"hvkvp: remote: {message}");
        return exitCode;
    }
}
