// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;

namespace KvpDaemon.IpConfig;

/// <summary>
/// Linux interfaces read from sysfs: <c>&lt;root&gt;/class/net/&lt;if&gt;/{device/device_id,address,ifindex}</c>, as the
/// reference daemon reads them (docs/protocol.md 6.1, 6.2). The root is <see cref="IpConfigOptions.SysfsRoot"/>; only files
/// are read, so tests give it a directory tree.
/// </summary>
internal sealed class SysfsInterfaceCatalog : IInterfaceCatalog
{
    private readonly string _netDirectory;

    public SysfsInterfaceCatalog(string sysfsRoot)
    {
        ArgumentException.ThrowIfNullOrEmpty(sysfsRoot);
        _netDirectory = Path.Combine(sysfsRoot, "class", "net");
    }

    public IReadOnlyList<string> InterfaceNames()
    {
        var directory = new DirectoryInfo(_netDirectory);
        if (!directory.Exists)
        {
            return [];
        }

        // The entries are symbolic links to the device directories: list them whatever their kind.
        return directory.EnumerateFileSystemInfos().Select(entry => entry.Name).Order(StringComparer.Ordinal).ToArray();
    }

    public string? DeviceId(string interfaceName) => Read(interfaceName, Path.Combine("device", "device_id"));

    public string? MacAddress(string interfaceName) => Read(interfaceName, "address")?.ToUpperInvariant();

    public int? Index(string interfaceName) =>
        int.TryParse(Read(interfaceName, "ifindex"), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;

    private string? Read(string interfaceName, string relative)
    {
        if (!InterfaceName.IsValid(interfaceName))
        {
            return null;
        }

        try
        {
            return File.ReadAllText(Path.Combine(_netDirectory, interfaceName, relative)).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
