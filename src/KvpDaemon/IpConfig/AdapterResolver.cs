// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IpConfig;

/// <summary>
/// Maps SET_IP_INFO's adapter_id to an interface (docs/protocol.md 6.1, 2.6), in this order:
/// <list type="number">
/// <item><see cref="IpConfigOptions.AdapterMap"/>, keyed by GUID (braces and letter case ignored) or by name;</item>
/// <item>Linux: the interface whose <c>device/device_id</c> holds the GUID, compared case-insensitively with braces
/// optional (the recommended fix of 6.1; the reference compares exactly);</item>
/// <item>FreeBSD: an existing interface of that name, because the kernel normally replaces the GUID by the <c>hn</c>
/// device name itself (2.6). A GUID that still arrives is one the kernel found no <c>hn</c> device for, so no userland
/// lookup would do better; only the explicit map is consulted (<c>sysctl dev.hn.N.%pnpinfo</c> is UNVERIFIED, 10).</item>
/// </list>
/// Nothing found: HV_GUID_NOTFOUND.
/// </summary>
internal sealed class AdapterResolver
{
    private readonly Dictionary<string, string> _map;
    private readonly IInterfaceCatalog _catalog;
    private readonly IpConfigPlatform _platform;

    public AdapterResolver(IReadOnlyDictionary<string, string> adapterMap, IInterfaceCatalog catalog, IpConfigPlatform platform)
    {
        _catalog = catalog;
        _platform = platform;
        _map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in adapterMap)
        {
            _map[NormalizeGuid(key) ?? key.Trim()] = value;
        }
    }

    /// <summary>The interface and its MAC address, or null when the adapter is unknown.</summary>
    public ResolvedAdapter? Resolve(string adapterId)
    {
        var guid = NormalizeGuid(adapterId);
        if (_map.TryGetValue(guid ?? adapterId, out var mapped))
        {
            return InterfaceName.IsValid(mapped) ? new ResolvedAdapter(mapped, _catalog.MacAddress(mapped)) : null;
        }

        var names = _catalog.InterfaceNames();
        if (guid is not null)
        {
            foreach (var name in names)
            {
                var deviceId = _catalog.DeviceId(name);
                if (deviceId is not null && string.Equals(NormalizeGuid(deviceId), guid, StringComparison.Ordinal) && InterfaceName.IsValid(name))
                {
                    return new ResolvedAdapter(name, _catalog.MacAddress(name));
                }
            }

            return null;
        }

        if (_platform == IpConfigPlatform.FreeBsd && InterfaceName.IsValid(adapterId) && names.Contains(adapterId, StringComparer.Ordinal))
        {
            return new ResolvedAdapter(adapterId, _catalog.MacAddress(adapterId));
        }

        return null;
    }

    /// <summary>A GUID in lower-case "D" form without braces, or null if the text is not a GUID with optional braces.</summary>
    public static string? NormalizeGuid(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('{') && trimmed.EndsWith('}'))
        {
            trimmed = trimmed[1..^1];
        }

        return Guid.TryParseExact(trimmed, "D", out var guid) ? guid.ToString("D") : null;
    }
}

/// <summary>The interface an adapter id maps to; <paramref name="MacAddress"/> upper-case colon form, or null if unknown.</summary>
internal sealed record ResolvedAdapter(string InterfaceName, string? MacAddress);
