// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Remote;

/// <summary>The WQL queries of the KVP operations, with string literals quoted safely.</summary>
internal static class Wql
{
    /// <summary>Every VM (libvirt's filter: the host itself is a "Microsoft Hosting Computer System").</summary>
    public const string AllVms = "SELECT * FROM Msvm_ComputerSystem WHERE Description = \"Microsoft Virtual Machine\"";

    /// <summary>The VM management service, whose methods change KVP items.</summary>
    public const string ManagementService = "SELECT * FROM Msvm_VirtualSystemManagementService";

    /// <summary>The VMs named <paramref name="name"/> (ElementName; names need not be unique).</summary>
    public static string VmByName(string name) => AllVms + " AND ElementName = " + Quote(name);

    /// <summary>The VM whose GUID is <paramref name="id"/>.</summary>
    public static string VmById(string id) => AllVms + " AND Name = " + Quote(id);

    /// <summary>The VM's KVP device (docs/compatibility.md A.3: a key filter on SystemName).</summary>
    public static string KvpComponent(string vmId) =>
        "SELECT * FROM Msvm_KvpExchangeComponent WHERE SystemName = " + Quote(vmId);

    /// <summary>
    /// The KVP settings of the VM's realized configuration: the setting data associated with the VM's own
    /// Msvm_VirtualSystemSettingData (InstanceID "Microsoft:GUID"; snapshots have other IDs).
    /// </summary>
    public static string KvpSettings(string vmId) =>
        "ASSOCIATORS OF {Msvm_VirtualSystemSettingData.InstanceID=" + Quote("Microsoft:" + vmId) +
        "} WHERE ResultClass = Msvm_KvpExchangeComponentSettingData";

    /// <summary>The guest's NIC configurations (InstanceID "Microsoft:GuestNetwork\VMGUID\NICGUID").</summary>
    public static string GuestNetwork(string vmId) =>
        "SELECT * FROM Msvm_GuestNetworkAdapterConfiguration WHERE InstanceID LIKE " +
        Quote("Microsoft:GuestNetwork\\" + vmId + "\\%");

    /// <summary>One job by its InstanceID (libvirt's job wait).</summary>
    public static string Job(string instanceId) =>
        "SELECT * FROM Msvm_ConcreteJob WHERE InstanceID = " + Quote(instanceId);

    /// <summary>A WQL string literal: double quotes, with backslash and double quote escaped by a backslash.</summary>
    public static string Quote(string value)
    {
        return "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
