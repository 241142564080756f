// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Threading.Channels;

namespace KvpDaemon.Cli.Pools;

/// <summary>
/// Tells when one pool file may have changed, so watch and wait re-read it only then: a
/// <see cref="FileSystemWatcher"/> on the pool directory (inotify on Linux), no busy polling. Signals coalesce: many
/// writes before the reader looks make one wake-up. Owns the watcher until disposed.
/// </summary>
/// <remarks>
/// Where the watcher cannot run (FreeBSD, where .NET has no FileSystemWatcher; the inotify instance limit reached) or
/// fails later, the signal falls back to waking every <see cref="PollInterval"/>; a spurious wake-up only costs a
/// re-read, which the store skips when the file's identity is unchanged.
/// </remarks>
internal sealed class PoolChangeSignal : IDisposable
{
    /// <summary>The wake-up interval without a working watcher.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly TextWriter _error;
    private FileSystemWatcher? _watcher;
    private volatile bool _polling;
    private string? _failure;

    public PoolChangeSignal(string directory, string fileName, TextWriter error)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        _error = error;
        try
        {
            _watcher = new FileSystemWatcher(directory, fileName)
            {
                // Writes change size and mtime (the store stamps mtime after every write); writers that replace the
                // file create or rename one. LastAccess is left out: our own reads must not wake us.
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size |
                    NotifyFilters.Attributes | NotifyFilters.CreationTime,
                IncludeSubdirectories = false,
            };
            _watcher.Changed += OnChanged;
            _watcher.Created += OnChanged;
            _watcher.Deleted += OnChanged;
            _watcher.Renamed += OnChanged;
            _watcher.Error += OnError;
            _watcher.EnableRaisingEvents = true;
        }
        catch (PlatformNotSupportedException)
        {
            // FreeBSD: expected, and so not worth a warning on every run.
            StopWatching();
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or UnauthorizedAccessException)
        {
            StopWatching();
            _error.WriteLine($"hvkvp: warning: cannot watch {directory} ({exception.Message}); re-reading every {PollInterval.TotalSeconds:0} s instead.");
        }
    }

    /// <summary>Completes when the pool file may have changed since the previous call returned.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        if (_polling)
        {
            using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            poll.CancelAfter(PollInterval);
            try
            {
                _ = await _changes.Reader.ReadAsync(poll.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The poll interval passed: time for a re-read.
            }
        }
        else
        {
            // A watcher that fails signals once more before it stops, so this read never outlives it.
            _ = await _changes.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }

        if (Interlocked.Exchange(ref _failure, null) is { } failure)
        {
            // Written here, on the command's thread, rather than from the watcher's callback thread.
            await _error.WriteLineAsync(failure).ConfigureAwait(false);
        }
    }

    public void Dispose() => StopWatching();

    private void OnChanged(object sender, FileSystemEventArgs e) => _changes.Writer.TryWrite(true);

    private void OnError(object sender, ErrorEventArgs e)
    {
        // An overflowing event queue lost events but the watch still works: re-read. Anything else ends the watch.
        if (e.GetException() is not InternalBufferOverflowException)
        {
            _failure = $"hvkvp: warning: watching the pool directory failed ({e.GetException().Message}); " +
                $"re-reading every {PollInterval.TotalSeconds:0} s instead.";
            StopWatching();
        }

        _changes.Writer.TryWrite(true);
    }

    private void StopWatching()
    {
        _polling = true;
        var watcher = Interlocked.Exchange(ref _watcher, null);
        watcher?.Dispose();
    }
}
