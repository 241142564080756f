// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics.CodeAnalysis;

namespace KvpDaemon.Protocol;

/// <summary>
/// Everything that differs between the Linux and the FreeBSD kernel's side of the KVP exchange (docs/protocol.md 2.6 and
/// section 10). There are exactly two instances; the daemon selects one explicitly and never falls back to a default.
/// </summary>
internal sealed class KvpAbi
{
    /// <summary>
    /// Linux hv_utils: 7432-byte messages (the unpacked delete struct rounds the body union up to 7428, docs/protocol.md
    /// 2.5), registration with <c>KVP_OP_REGISTER1</c> = 100 answered by the kernel with op 100 and the version "3.1",
    /// GET replies read by the kernel at the enumerate value offset (QUIRK-10).
    /// </summary>
    public static readonly KvpAbi Linux = new(
        name: "linux",
        messageSize: 7432,
        registerOperation: 100,
        expectsRegistrationReply: true,
        getReplyValueOffset: KvpWireLayout.EnumerateValue,
        defaultIntegrationServicesVersion: "Unknown version",
        addressListTrailingSeparator: false);

    /// <summary>
    /// FreeBSD hv_kvp: 7430-byte packed messages, registration with <c>HV_KVP_OP_REGISTER</c> = 4 and no reply, GET
    /// replies read at the GET value offset, and address lists written with a trailing ';' (docs/protocol.md 5.2, QUIRK-34).
    /// </summary>
    public static readonly KvpAbi FreeBsd = new(
        name: "freebsd",
        messageSize: 7430,
        registerOperation: 4,
        expectsRegistrationReply: false,
        getReplyValueOffset: KvpWireLayout.GetSetValue,
        defaultIntegrationServicesVersion: "BSD Pre-Release version",
        addressListTrailingSeparator: true);

    private KvpAbi(
        string name,
        int messageSize,
        byte registerOperation,
        bool expectsRegistrationReply,
        int getReplyValueOffset,
        string defaultIntegrationServicesVersion,
        bool addressListTrailingSeparator)
    {
        Name = name;
        MessageSize = messageSize;
        RegisterOperation = registerOperation;
        ExpectsRegistrationReply = expectsRegistrationReply;
        GetReplyValueOffset = getReplyValueOffset;
        DefaultIntegrationServicesVersion = defaultIntegrationServicesVersion;
        AddressListTrailingSeparator = addressListTrailingSeparator;
    }

    /// <summary>The name used on the command line and in the configuration (<c>--abi linux|freebsd</c>).</summary>
    public string Name { get; }

    /// <summary><c>sizeof(struct hv_kvp_msg)</c>: every read and every write transfers exactly this many bytes.</summary>
    public int MessageSize { get; }

    /// <summary>The operation byte of the daemon's first write (docs/protocol.md 1.1 and 3.1).</summary>
    public byte RegisterOperation { get; }

    /// <summary>Whether the kernel answers registration with a message carrying its version string (Linux only).</summary>
    public bool ExpectsRegistrationReply { get; }

    /// <summary>Where this kernel reads the value of a GET reply from (docs/protocol.md 3.5, QUIRK-10).</summary>
    public int GetReplyValueOffset { get; }

    /// <summary>The IntegrationServicesVersion value when the kernel sent none (docs/protocol.md 1.7).</summary>
    public string DefaultIntegrationServicesVersion { get; }

    /// <summary>Whether address lists end with ';' after the last item, as the platform's reference daemon writes them.</summary>
    public bool AddressListTrailingSeparator { get; }

    /// <summary>Parses the configuration spelling of an ABI.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out KvpAbi? abi)
    {
        if (string.Equals(name, Linux.Name, StringComparison.OrdinalIgnoreCase))
        {
            abi = Linux;
            return true;
        }

        if (string.Equals(name, FreeBsd.Name, StringComparison.OrdinalIgnoreCase))
        {
            abi = FreeBsd;
            return true;
        }

        abi = null;
        return false;
    }

    public override string ToString() => Name;
}
