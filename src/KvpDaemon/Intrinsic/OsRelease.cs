// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Intrinsic;

/// <summary>The two <c>/etc/os-release</c> fields pool 2 uses; null when the file does not set them.</summary>
internal sealed record OsRelease(string? Name, string? VersionId);
