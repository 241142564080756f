// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Intrinsic;

/// <summary>The <c>struct utsname</c> fields, as <c>uname -s -n -r -v -m</c> prints them.</summary>
internal sealed record UnameInfo(string SysName, string NodeName, string Release, string Version, string Machine);
