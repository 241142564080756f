// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using KvpDaemon.Platform;
using KvpDaemon.Tests.Infrastructure;
using KvpDaemon.Transport;

namespace KvpDaemon.Tests.Transport;

/// <summary>
/// The device transport on a FIFO, which polls and reads like a character device: one message per read, and a
/// shutdown that interrupts a read waiting for the host.
/// </summary>
public sealed class DeviceTransportTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly string _fifo;

    public DeviceTransportTests()
    {
        _fifo = _directory.Combine("kvp-device");
        using var mkfifo = Process.Start("mkfifo", [_fifo])!;
        mkfifo.WaitForExit();
        mkfifo.ExitCode.Should().Be(0);
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ReadAsync_MessageWritten_ReturnsItWhole()
    {
        using var transport = new DeviceTransport(_fifo, KvpDialect.ForCurrentOperatingSystem());
        await transport.OpenAsync(CancellationToken.None);
        var message = Enumerable.Range(0, 7432).Select(i => (byte)i).ToArray();
        using (var writer = KvpDialect.ForCurrentOperatingSystem().OpenReadWrite(_fifo))
        {
            Interop.Libc.Write(writer, message, offset: null, "test write");
        }

        var buffer = new byte[7433];
        var length = await transport.ReadAsync(buffer, CancellationToken.None);

        length.Should().Be(7432);
        buffer.AsSpan(0, length).ToArray().Should().Equal(message);
    }

    [Fact]
    public async Task ReadAsync_NothingArrives_IsEndedByCancellationAtOnce()
    {
        using var transport = new DeviceTransport(_fifo, KvpDialect.ForCurrentOperatingSystem());
        await transport.OpenAsync(CancellationToken.None);
        using var stop = new CancellationTokenSource();

        // The read runs on a thread of its own, as in the daemon: it blocks in poll(2) until the wake-up pipe fires.
        var read = Task.Factory.StartNew(
            () => transport.ReadAsync(new byte[7433], stop.Token).AsTask(),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap();
        read.IsCompleted.Should().BeFalse();
        await stop.CancelAsync();

        await read.Invoking(r => r.WaitAsync(TimeSpan.FromSeconds(30))).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task OpenAsync_MissingDevice_ThrowsIOException()
    {
        using var transport = new DeviceTransport(_directory.Combine("absent"), KvpDialect.ForCurrentOperatingSystem());

        await transport.Invoking(t => t.OpenAsync(CancellationToken.None).AsTask()).Should().ThrowAsync<IOException>();
    }
}
