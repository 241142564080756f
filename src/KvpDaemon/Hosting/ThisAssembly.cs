// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Reflection;

namespace KvpDaemon.Hosting;

/// <summary>The daemon's version, as <c>--version</c> prints it.</summary>
internal static class ThisAssembly
{
    public static string InformationalVersion { get; } =
        typeof(ThisAssembly).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
