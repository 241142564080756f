// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.IO.Enumeration;
using System.Net.Sockets;
using KvpDaemon.Intrinsic;
using KvpDaemon.Protocol;
using Microsoft.Extensions.Options;

namespace KvpDaemon.Network;

/// <summary>
/// The pool-2 items NetworkAddressIPv4 and NetworkAddressIPv6 (docs/protocol.md 4.5) from an <see cref="INetworkInspector"/>.
/// Chosen differences from the reference daemons (docs/compatibility.md E #10): loopback is left out on both OSes (the FreeBSD
/// reference includes it, QUIRK-34); interfaces matching <see cref="NetworkOptions.ExcludeInterfaces"/> are left out;
/// the interface holding the default route comes first so tools that take the first address get the primary one;
/// IPv6 link-local addresses (fe80::/10) are left out, as they are meaningless without their scope.
/// </summary>
internal sealed class InspectorAddressListSource : IAddressListSource
{
    /// <summary>The value field holds 2048 bytes including the NUL.</summary>
    public const int MaxBytes = 2047;

    private readonly INetworkInspector _inspector;
    private readonly KvpAbi _abi;
    private readonly Func<NetworkOptions> _options;

    /// <summary>Fixed settings.</summary>
    public InspectorAddressListSource(INetworkInspector inspector, KvpAbi abi, IOptions<NetworkOptions> options)
        : this(inspector, abi, Fixed(options))
    {
    }

    /// <param name="inspector">Reads the interfaces.</param>
    /// <param name="abi">Decides the list separator.</param>
    /// <param name="options">The settings in effect, read on every call: SIGHUP may change the exclude list.</param>
    public InspectorAddressListSource(INetworkInspector inspector, KvpAbi abi, Func<NetworkOptions> options)
    {
        _inspector = inspector;
        _abi = abi;
        _options = options;
    }

    public IntrinsicAddressLists GetAddressLists()
    {
        var excludePatterns = _options().GetExcludeInterfaces().Where(pattern => !string.IsNullOrEmpty(pattern)).ToArray();
        var snapshot = _inspector.GetSnapshot();
        var interfaces = snapshot.Interfaces
            .Where(item => !item.IsLoopback && !IsExcluded(excludePatterns, item.Name))
            .OrderBy(item => item.Name == snapshot.DefaultRouteInterface ? 0 : 1)
            .ToArray();
        var addresses = interfaces.SelectMany(item => item.Addresses).Select(item => item.Address).ToArray();
        var ipv4 = addresses
            .Where(address => address.AddressFamily == AddressFamily.InterNetwork)
            .Select(AddressText.Format);
        var ipv6 = addresses
            .Where(address => address.AddressFamily == AddressFamily.InterNetworkV6 && !address.IsIPv6LinkLocal)
            .Select(AddressText.Format);
        var trailing = _abi.AddressListTrailingSeparator;
        return new IntrinsicAddressLists(
            KvpAddressList.Join(ipv4, trailing, MaxBytes),
            KvpAddressList.Join(ipv6, trailing, MaxBytes));
    }

    private static Func<NetworkOptions> Fixed(IOptions<NetworkOptions> options)
    {
        var value = options.Value;
        return () => value;
    }

    private static bool IsExcluded(string[] excludePatterns, string name) =>
        excludePatterns.Any(pattern => FileSystemName.MatchesSimpleExpression(pattern, name, ignoreCase: false));
}
