// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Remote;

/// <summary>A virtual machine as Msvm_ComputerSystem describes it.</summary>
/// <param name="Id">The VM's GUID (Msvm_ComputerSystem.Name, the key).</param>
/// <param name="Name">The name shown in Hyper-V Manager (ElementName).</param>
/// <param name="EnabledState">CIM EnabledState: 2 running, 3 off, 6 enabled but offline (saved), 9 quiesce (paused).</param>
internal sealed record HyperVVm(string Id, string Name, uint? EnabledState)
{
    /// <summary>EnabledState as a word.</summary>
    public string State => EnabledState switch
    {
        2 => "Running",
        3 => "Off",
        6 => "Saved",
        9 => "Paused",
        32768 => "Paused",
        32769 => "Saved",
        32770 => "Starting",
        32773 => "Saving",
        32774 => "Stopping",
        32776 => "Pausing",
        32777 => "Resuming",
        null => "Unknown",
        _ => $"State {EnabledState}",
    };
}

/// <summary>One guest NIC's configuration as the guest reports it (Msvm_GuestNetworkAdapterConfiguration).</summary>
internal sealed record GuestNetworkAdapter(
    string InstanceId,
    bool? DhcpEnabled,
    IReadOnlyList<string> IpAddresses,
    IReadOnlyList<string> Subnets,
    IReadOnlyList<string> DefaultGateways,
    IReadOnlyList<string> DnsServers);
