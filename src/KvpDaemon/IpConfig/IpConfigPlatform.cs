// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IpConfig;

/// <summary>
/// The guest OS a configuration is planned for. A value rather than an <see cref="OperatingSystem"/> query so that
/// plans for either OS can be produced, and golden-tested, anywhere.
/// </summary>
internal enum IpConfigPlatform
{
    Linux,
    FreeBsd,
}
