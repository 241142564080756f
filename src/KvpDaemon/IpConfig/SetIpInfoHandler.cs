// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Protocol;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.IpConfig;

/// <summary>
/// Answers SET_IP_INFO (docs/protocol.md section 6): validate (HV_INVALIDARG), find the interface (HV_GUID_NOTFOUND),
/// choose a backend, plan, then either write the plan out (dry run) or apply it within the time budget (HV_E_FAIL on any
/// failure, never a raw error number, QUIRK-22). Nothing is written or run before validation and lookup succeeded.
/// One instance per daemon; requests arrive one at a time from the dispatcher.
/// </summary>
internal sealed partial class SetIpInfoHandler : ISetIpInfoHandler
{
    private readonly Func<IpConfigOptions> _options;
    private readonly IpConfigPlatform _platform;
    private readonly AdapterResolver _resolver;
    private readonly IpConfigBackendSelector _selector;
    private readonly IpConfigPlanExecutor _executor;
    private readonly DryRunWriter _dryRun;
    private readonly ILogger _logger;

    /// <param name="options">The settings; unset ones are filled with the platform's defaults.</param>
    /// <param name="platform">Which OS the plans are for.</param>
    /// <param name="catalog">The interfaces (sysfs on Linux).</param>
    /// <param name="runner">Runs the commands.</param>
    /// <param name="timeProvider">Measures budgets and stamps dry runs.</param>
    /// <param name="logger">The handler's log.</param>
    public SetIpInfoHandler(
        IpConfigOptions options,
        IpConfigPlatform platform,
        IInterfaceCatalog catalog,
        ICommandRunner runner,
        TimeProvider timeProvider,
        ILogger<SetIpInfoHandler> logger)
        : this(Fixed(options, platform), platform, catalog, runner, timeProvider, logger)
    {
    }

    /// <param name="options">
    /// The settings in effect, with defaults applied, read on every request: SIGHUP may change Backend, DryRun,
    /// SetIfconfigScript, ManageResolvConf, CommandTimeout and TotalBudget. AdapterMap, Root and StateDirectory are
    /// taken from the first value only (the reload keeps them; they change at a restart).
    /// </param>
    /// <param name="platform">Which OS the plans are for.</param>
    /// <param name="catalog">The interfaces (sysfs on Linux).</param>
    /// <param name="runner">Runs the commands.</param>
    /// <param name="timeProvider">Measures budgets and stamps dry runs.</param>
    /// <param name="logger">The handler's log.</param>
    public SetIpInfoHandler(
        Func<IpConfigOptions> options,
        IpConfigPlatform platform,
        IInterfaceCatalog catalog,
        ICommandRunner runner,
        TimeProvider timeProvider,
        ILogger<SetIpInfoHandler> logger)
    {
        var initial = options();
        _options = options;
        _platform = platform;
        _resolver = new AdapterResolver(initial.AdapterMap, catalog, platform);
        _selector = new IpConfigBackendSelector(initial.Root, catalog);
        _executor = new IpConfigPlanExecutor(runner, initial.Root, timeProvider, logger);
        _dryRun = new DryRunWriter(initial.Root, initial.StateDirectory, timeProvider);
        _logger = logger;
    }

    private static Func<IpConfigOptions> Fixed(IpConfigOptions options, IpConfigPlatform platform)
    {
        options.ApplyDefaults(platform);
        return () => options;
    }

    /// <summary>The production handler for the OS this process runs on, reading the settings in effect per request.</summary>
    public static SetIpInfoHandler ForCurrentOperatingSystem(Func<IpConfigOptions> options, TimeProvider timeProvider, ILogger<SetIpInfoHandler> logger)
    {
        if (OperatingSystem.IsLinux())
        {
            return new SetIpInfoHandler(options, IpConfigPlatform.Linux, new SysfsInterfaceCatalog(options().SysfsRoot), new ProcessCommandRunner(), timeProvider, logger);
        }

        if (OperatingSystem.IsFreeBSD())
        {
            return new SetIpInfoHandler(options, IpConfigPlatform.FreeBsd, new NetworkInterfaceCatalog(), new ProcessCommandRunner(), timeProvider, logger);
        }

        throw new PlatformNotSupportedException("IP injection is implemented for Linux and FreeBSD only.");
    }

    public async ValueTask<KvpReply> ApplyAsync(KvpSetIpInfoRequest request, CancellationToken cancellationToken)
    {
        var parsed = IpSettingsParser.Parse(request);
        if (parsed.Settings is null)
        {
            Log.Invalid(_logger, parsed.Error ?? "invalid");
            return new KvpStatusReply(HvStatus.HV_INVALIDARG);
        }

        var adapter = _resolver.Resolve(request.AdapterId);
        if (adapter is null)
        {
            Log.AdapterNotFound(_logger, Printable(request.AdapterId));
            return new KvpStatusReply(HvStatus.HV_GUID_NOTFOUND);
        }

        var options = _options();
        try
        {
            var configRequest = new IpConfigRequest(adapter.InterfaceName, adapter.MacAddress, parsed.Settings);
            var backend = IpConfigBackends.Create(_selector.Select(options, adapter.InterfaceName, _platform), options, _platform);
            var context = new IpConfigPlanContext(ReadResolvConf(options.Root)) { SystemFiles = SystemFileSnapshot.Read(options.Root) };
            var plan = backend.Plan(configRequest, context);
            foreach (var warning in plan.Warnings)
            {
                Log.PlanWarning(_logger, adapter.InterfaceName, plan.Backend, warning);
            }

            if (options.DryRun)
            {
                var directory = _dryRun.Write(plan, configRequest);
                Log.DryRun(_logger, adapter.InterfaceName, plan.Backend, directory);
                return KvpStatusReply.Ok;
            }

            Log.Applying(_logger, adapter.InterfaceName, plan.Backend, parsed.Settings.Addresses.Count, parsed.Settings.DhcpEnabled);
            if (await _executor.ApplyAsync(plan, options.CommandTimeout, options.TotalBudget, cancellationToken).ConfigureAwait(false))
            {
                Log.Applied(_logger, adapter.InterfaceName, plan.Backend);
                return KvpStatusReply.Ok;
            }

            Log.Failed(_logger, adapter.InterfaceName, plan.Backend);
            return KvpStatusReply.Fail;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.Error(_logger, adapter.InterfaceName, e.Message);
            return KvpStatusReply.Fail;
        }
    }

    private static string? ReadResolvConf(string root)
    {
        try
        {
            var path = IpConfigPlanExecutor.UnderRoot(root, "/etc/resolv.conf");
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The adapter id for the log: at most 64 characters, control characters replaced.</summary>
    private static string Printable(string text)
    {
        var shown = text.Length > 64 ? text[..64] + "…" : text;
        return string.Concat(shown.Select(c => char.IsControl(c) ? '?' : c));
    }
}
