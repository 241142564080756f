// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Tests.Network;

/// <summary>The checked-in files under Samples/Network.</summary>
internal static class NetworkSamples
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", "Network", name);

    public static string Read(string name) => File.ReadAllText(PathOf(name));
}
