// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Intrinsic;

/// <summary>
/// The six operating-system items of pool 2 (docs/protocol.md 4.5, indexes 4 to 9), computed once at start-up by
/// <see cref="OsInfoReader"/>. Empty strings where the platform has no value (never null).
/// </summary>
internal sealed record OsInfo(
    string OSBuildNumber,
    string OSName,
    string OSMajorVersion,
    string OSMinorVersion,
    string OSVersion,
    string ProcessorArchitecture);
