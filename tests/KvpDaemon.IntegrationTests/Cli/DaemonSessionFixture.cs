// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.HostSimulator.Daemon;
using KvpDaemon.IntegrationTests.Infrastructure;

namespace KvpDaemon.IntegrationTests.Cli;

/// <summary>One running daemon (Linux ABI) shared by the tests of a class; each test uses keys of its own.</summary>
public sealed class DaemonSessionFixture : IAsyncLifetime
{
    private DaemonSession? _session;

    internal DaemonSession Session => _session ?? throw new InvalidOperationException("The session has not started.");

    public async Task InitializeAsync() => _session = await Sessions.StartAsync("linux");

    public async Task DisposeAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
    }
}
