// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace KvpDaemon.Hosting;

/// <summary>
/// The <see cref="IOptionsMonitor{TOptions}"/> of a setting that SIGHUP may change (<see cref="ConfigurationReloader"/>):
/// its value is the one created at start, replaced only by <see cref="Set"/> after a reload whose settings all
/// validated. Unlike the framework's monitor it does not follow configuration change tokens, so a file that fails to
/// parse or validate never reaches a consumer; the last good value stays in effect.
/// </summary>
/// <typeparam name="TOptions">The options type.</typeparam>
internal sealed class ReloadableOptionsMonitor<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions> : IOptionsMonitor<TOptions>
    where TOptions : class
{
    private readonly IOptionsFactory<TOptions> _factory;
    private readonly Lock _lock = new();
    private readonly List<Action<TOptions, string?>> _listeners = [];
    private TOptions? _current;

    public ReloadableOptionsMonitor(IOptionsFactory<TOptions> factory)
    {
        _factory = factory;
    }

    /// <summary>
    /// The value in effect. The first read creates it from the configuration (running its validation, which throws
    /// <see cref="OptionsValidationException"/> for bad settings, as at start).
    /// </summary>
    public TOptions CurrentValue
    {
        get
        {
            lock (_lock)
            {
                return _current ??= _factory.Create(Options.DefaultName);
            }
        }
    }

    /// <summary>The value in effect for the default name; other names are created afresh (the daemon names none).</summary>
    public TOptions Get(string? name) =>
        string.IsNullOrEmpty(name) ? CurrentValue : _factory.Create(name);

    public IDisposable? OnChange(Action<TOptions, string?> listener)
    {
        lock (_lock)
        {
            _listeners.Add(listener);
        }

        return new Subscription(this, listener);
    }

    /// <summary>Puts <paramref name="value"/> (already validated) in effect and tells the listeners.</summary>
    public void Set(TOptions value)
    {
        Action<TOptions, string?>[] listeners;
        lock (_lock)
        {
            _current = value;
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            listener(value, Options.DefaultName);
        }
    }

    private void Remove(Action<TOptions, string?> listener)
    {
        lock (_lock)
        {
            _listeners.Remove(listener);
        }
    }

    private sealed class Subscription(ReloadableOptionsMonitor<TOptions> monitor, Action<TOptions, string?> listener) : IDisposable
    {
        public void Dispose() => monitor.Remove(listener);
    }
}
