// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.Intrinsic;

/// <summary>
/// FullyQualifiedDomainName as QUIRK-24 recommends, a deliberate deviation from both reference daemons (Linux resolves
/// once at start-up and goes stale; both put getaddrinfo's error text into the value, docs/compatibility.md E #9). Each call
/// reads the host name, which is cheap. A canonical name resolved for the same host name less than
/// <see cref="CacheLifetime"/> ago is answered from the cache. Otherwise the name is resolved, waiting at most
/// <see cref="ResolveTimeout"/>; on timeout or failure the answer is the host name itself. A resolution that times out
/// keeps running and fills the cache when it completes; until then further calls answer the host name at once instead
/// of waiting again. Failures are cached for the same lifetime, so an unresolvable name costs one lookup a minute.
/// Thread-safe.
/// </summary>
internal sealed partial class FqdnSource : IFqdnSource
{
    /// <summary>How long a resolved name (or a failure) is answered without resolving again.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a request waits for the resolver. The kernel gives the daemon 30 s per request and a late answer can be
    /// taken for the next request (QUIRK-29), so the wait stays far below that.
    /// </summary>
    public static readonly TimeSpan ResolveTimeout = TimeSpan.FromMilliseconds(500);

    private readonly Func<string> _readHostName;
    private readonly Func<string, Task<string>> _resolveCanonicalName;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private CachedName? _cache;
    private Resolution? _pending;

    /// <summary>Reads gethostname(3) and resolves through the system resolver (getaddrinfo with AI_CANONNAME).</summary>
    public FqdnSource(TimeProvider timeProvider, ILogger<FqdnSource> logger)
        // Dns.GetHostName is gethostname(3) as is; Environment.MachineName would cut the name at its first '.'. Lambdas,
        // not method groups: the resolver's assembly then loads at the first FQDN request, not on the way to registration.
        : this(() => Dns.GetHostName(), hostName => ResolveCanonicalNameAsync(hostName), timeProvider, logger)
    {
    }

    /// <param name="readHostName">gethostname(3); may throw <see cref="SocketException"/>.</param>
    /// <param name="resolveCanonicalName">Host name to canonical name; a fault or an empty name means "unresolved".</param>
    /// <param name="timeProvider">The clock for the cache lifetime and the resolver timeout.</param>
    /// <param name="logger">Receives resolution outcomes at debug level.</param>
    public FqdnSource(
        Func<string> readHostName,
        Func<string, Task<string>> resolveCanonicalName,
        TimeProvider timeProvider,
        ILogger<FqdnSource> logger)
    {
        _readHostName = readHostName;
        _resolveCanonicalName = resolveCanonicalName;
        _time = timeProvider;
        _logger = logger;
    }

    public string GetFullyQualifiedDomainName()
    {
        string hostName;
        try
        {
            hostName = _readHostName();
        }
        catch (SocketException exception)
        {
            Log.HostNameUnavailable(_logger, exception.Message);
            lock (_gate)
            {
                return _cache?.Name ?? string.Empty;
            }
        }

        Resolution resolution;
        lock (_gate)
        {
            CollectCompletedResolution();
            if (TryGetFresh(hostName, out var cached))
            {
                return cached;
            }

            if (_pending is null || _pending.HostName != hostName)
            {
                _pending = new Resolution(hostName, Start(hostName));
            }
            else if (_pending.TimedOut)
            {
                // Already waited once for this lookup: do not make every request pay the timeout again.
                return hostName;
            }

            resolution = _pending;
        }

        if (!resolution.Task.IsCompleted && !Wait(resolution.Task))
        {
            Log.FqdnResolutionSlow(_logger, hostName, ResolveTimeout.TotalMilliseconds);
            lock (_gate)
            {
                resolution.TimedOut = true;
            }

            return hostName;
        }

        lock (_gate)
        {
            CollectCompletedResolution();
            return TryGetFresh(hostName, out var cached) ? cached : hostName;
        }
    }

    private static async Task<string> ResolveCanonicalNameAsync(string hostName)
    {
        var entry = await Dns.GetHostEntryAsync(hostName).ConfigureAwait(false);
        return entry.HostName;
    }

    private Task<string> Start(string hostName)
    {
        Task<string> task;
        try
        {
            task = _resolveCanonicalName(hostName);
        }
#pragma warning disable CA1031 // Whatever the resolver throws, the answer is the host name; it is logged when collected.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            task = Task.FromException<string>(exception);
        }

        // A lookup abandoned because the host name changed is never collected: observe its fault here.
        _ = task.ContinueWith(
            static completed => _ = completed.Exception,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return task;
    }

    /// <summary>Waits for the resolver up to <see cref="ResolveTimeout"/> on the injected clock.</summary>
    private bool Wait(Task<string> resolution)
    {
        using var cancelDelay = new CancellationTokenSource();
        var timeout = Task.Delay(ResolveTimeout, _time, cancelDelay.Token);
        var completedFirst = Task.WaitAny(resolution, timeout);
        cancelDelay.Cancel();
        return completedFirst == 0;
    }

    /// <summary>Moves a completed lookup into the cache. Called under the lock.</summary>
    private void CollectCompletedResolution()
    {
        if (_pending is not { Task.IsCompleted: true } completed)
        {
            return;
        }

        _pending = null;
        var task = completed.Task;
        string name;
        if (task.IsCompletedSuccessfully && !string.IsNullOrWhiteSpace(task.Result))
        {
            name = task.Result;
            Log.FqdnResolved(_logger, completed.HostName, name);
        }
        else
        {
            name = completed.HostName;
            var reason = task.Exception?.InnerException?.Message ?? (task.IsCanceled ? "canceled" : "no canonical name");
            Log.FqdnResolutionFailed(_logger, completed.HostName, reason);
        }

        _cache = new CachedName(completed.HostName, name, _time.GetTimestamp());
    }

    private bool TryGetFresh(string hostName, out string name)
    {
        if (_cache is { } cache && cache.HostName == hostName && _time.GetElapsedTime(cache.Timestamp) < CacheLifetime)
        {
            name = cache.Name;
            return true;
        }

        name = string.Empty;
        return false;
    }

    // Timestamp: when the lookup was collected, on the TimeProvider timestamp scale.
    private sealed record CachedName(string HostName, string Name, long Timestamp);

    private sealed class Resolution(string hostName, Task<string> task)
    {
        public string HostName { get; } = hostName;

        public Task<string> Task { get; } = task;

        /// <summary>Whether a request already gave up waiting for this lookup.</summary>
        public bool TimedOut { get; set; }
    }
}
