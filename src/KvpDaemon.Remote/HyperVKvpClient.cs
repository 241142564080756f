// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Remote;

/// <summary>
/// The KVP operations of a Hyper-V host over WS-Management (docs/compatibility.md A): list VMs, read a VM's intrinsic, guest
/// and host items, add, modify, upsert and remove host items (waiting for the jobs they start), and read the guest's
/// NIC configuration.
/// </summary>
/// <remarks>Ownership: does not own the <see cref="WsManClient"/>.</remarks>
internal sealed class HyperVKvpClient
{
    /// <summary>The most items one AddKvpItems, ModifyKvpItems or RemoveKvpItems call takes (Microsoft's limit).</summary>
    public const int MaxItemsPerCall = 128;

    private const string ServiceClass = "Msvm_VirtualSystemManagementService";

    private readonly WsManClient _client;
    private readonly TimeProvider _time;
    private readonly TimeSpan _pollInterval;
    private readonly TimeSpan _jobTimeout;
    private EndpointReference? _service;

    /// <param name="client">The WS-Management connection.</param>
    /// <param name="time">The clock of the job wait (a test seam; null: the system's).</param>
    /// <param name="pollInterval">Between two looks at a job; libvirt's 100 ms by default.</param>
    /// <param name="jobTimeout">The longest a job is waited for; libvirt's 5 minutes by default.</param>
    public HyperVKvpClient(WsManClient client, TimeProvider? time = null, TimeSpan? pollInterval = null, TimeSpan? jobTimeout = null)
    {
        _client = client;
        _time = time ?? TimeProvider.System;
        _pollInterval = pollInterval ?? TimeSpan.FromMilliseconds(100);
        _jobTimeout = jobTimeout ?? TimeSpan.FromMinutes(5);
    }

    /// <summary>Every VM of the host, sorted by name.</summary>
    public async Task<IReadOnlyList<HyperVVm>> ListVmsAsync(CancellationToken cancellationToken)
    {
        var instances = await _client.EnumerateAsync("Msvm_ComputerSystem", Wql.AllVms, cancellationToken).ConfigureAwait(false);
        return instances.Select(ToVm).OrderBy(vm => vm.Name, StringComparer.OrdinalIgnoreCase).ToArray();
    }

    /// <summary>The VM named <paramref name="nameOrId"/> (its ElementName, or its GUID).</summary>
    /// <exception cref="HyperVException">No such VM, or several VMs have that name.</exception>
    public async Task<HyperVVm> FindVmAsync(string nameOrId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrId);
        var query = Guid.TryParse(nameOrId, out _) ? Wql.VmById(nameOrId) : Wql.VmByName(nameOrId);
        var found = await _client.EnumerateAsync("Msvm_ComputerSystem", query, cancellationToken).ConfigureAwait(false);
        return found.Count switch
        {
            1 => ToVm(found[0]),
            0 => throw new HyperVException($"No virtual machine is named '{nameOrId}' on this host (see list-vms)."),
            _ => throw new HyperVException(
                $"{found.Count} virtual machines are named '{nameOrId}'; name one by its GUID: " +
                string.Join(", ", found.Select(instance => instance.GetString("Name")))),
        };
    }

    /// <summary>The items the guest's daemon generates (GuestIntrinsicExchangeItems: pool 2, FQDN, OS, addresses).</summary>
    public async Task<IReadOnlyList<KvpDataItem>> GetIntrinsicItemsAsync(HyperVVm vm, CancellationToken cancellationToken) =>
        Items(await GetKvpComponentAsync(vm, cancellationToken).ConfigureAwait(false), "GuestIntrinsicExchangeItems");

    /// <summary>The items the guest pushed (GuestExchangeItems: pool 1).</summary>
    public async Task<IReadOnlyList<KvpDataItem>> GetGuestItemsAsync(HyperVVm vm, CancellationToken cancellationToken) =>
        Items(await GetKvpComponentAsync(vm, cancellationToken).ConfigureAwait(false), "GuestExchangeItems");

    /// <summary>The items the host pushes (Msvm_KvpExchangeComponentSettingData.HostExchangeItems: pool 0).</summary>
    public async Task<IReadOnlyList<KvpDataItem>> GetHostItemsAsync(HyperVVm vm, CancellationToken cancellationToken)
    {
        var settings = await _client.EnumerateAsync(
            "Msvm_KvpExchangeComponentSettingData", Wql.KvpSettings(vm.Id), cancellationToken).ConfigureAwait(false);
        return settings.Count > 0
            ? Items(settings[0], "HostExchangeItems")
            : throw new HyperVException($"The VM '{vm.Name}' has no Data Exchange (KVP) settings.");
    }

    /// <summary>The guest's NIC configuration, as the daemon reports it through KVP (GET_IP_INFO).</summary>
    public async Task<IReadOnlyList<GuestNetworkAdapter>> GetNetworkAsync(HyperVVm vm, CancellationToken cancellationToken)
    {
        var adapters = await _client.EnumerateAsync(
            "Msvm_GuestNetworkAdapterConfiguration", Wql.GuestNetwork(vm.Id), cancellationToken).ConfigureAwait(false);
        return adapters.Select(adapter => new GuestNetworkAdapter(
            adapter.GetString("InstanceID") ?? string.Empty,
            adapter.GetBoolean("DHCPEnabled"),
            adapter.GetStrings("IPAddresses"),
            adapter.GetStrings("Subnets"),
            adapter.GetStrings("DefaultGateways"),
            adapter.GetStrings("DNSServers"))).ToArray();
    }

    /// <summary>AddKvpItems: fails (32773) if a key already exists.</summary>
    public Task AddAsync(HyperVVm vm, IReadOnlyList<KvpDataItem> items, CancellationToken cancellationToken) =>
        InvokeKvpMethodAsync(vm, "AddKvpItems", items, cancellationToken);

    /// <summary>ModifyKvpItems: fails (32773) if a key does not exist.</summary>
    public Task ModifyAsync(HyperVVm vm, IReadOnlyList<KvpDataItem> items, CancellationToken cancellationToken) =>
        InvokeKvpMethodAsync(vm, "ModifyKvpItems", items, cancellationToken);

    /// <summary>RemoveKvpItems: only the keys matter.</summary>
    public Task RemoveAsync(HyperVVm vm, IReadOnlyList<KvpDataItem> items, CancellationToken cancellationToken) =>
        InvokeKvpMethodAsync(vm, "RemoveKvpItems", items, cancellationToken);

    /// <summary>
    /// Sets one item whether or not it exists: Add, then Modify when Add fails with 32773 (containers/libhvee's
    /// PutKeyValuePair idiom). Returns true when the key was new.
    /// </summary>
    public async Task<bool> UpsertAsync(HyperVVm vm, KvpDataItem item, CancellationToken cancellationToken)
    {
        try
        {
            await AddAsync(vm, [item], cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HyperVException e) when (e.Code == HyperVReturnCodes.InvalidParameter)
        {
            await ModifyAsync(vm, [item], cancellationToken).ConfigureAwait(false);
            return false;
        }
    }

    private static HyperVVm ToVm(CimInstance instance) => new(
        instance.GetString("Name") ?? string.Empty, instance.GetString("ElementName") ?? string.Empty, instance.GetUInt32("EnabledState"));

    private static IReadOnlyList<KvpDataItem> Items(CimInstance instance, string property) =>
        instance.GetStrings(property).Select(KvpDataItem.Parse).ToArray();

    private static EndpointReference TargetSystem(HyperVVm vm) => new(
        WsManNames.ClassUri("Msvm_ComputerSystem"),
        [KeyValuePair.Create("CreationClassName", "Msvm_ComputerSystem"), KeyValuePair.Create("Name", vm.Id)]);

    private async Task<CimInstance> GetKvpComponentAsync(HyperVVm vm, CancellationToken cancellationToken)
    {
        var components = await _client.EnumerateAsync(
            "Msvm_KvpExchangeComponent", Wql.KvpComponent(vm.Id), cancellationToken).ConfigureAwait(false);
        return components.Count > 0
            ? components[0]
            : throw new HyperVException($"The VM '{vm.Name}' has no Data Exchange (KVP) component.");
    }

    private async Task InvokeKvpMethodAsync(HyperVVm vm, string method, IReadOnlyList<KvpDataItem> items, CancellationToken cancellationToken)
    {
        var service = await GetServiceAsync(cancellationToken).ConfigureAwait(false);
        var serviceUri = WsManNames.ClassUri(ServiceClass);
        foreach (var chunk in items.Chunk(MaxItemsPerCall))
        {
            var parameters = new List<System.Xml.Linq.XElement>
            {
                WsManMessages.Parameter(serviceUri, "TargetSystem", TargetSystem(vm)),
            };
            parameters.AddRange(WsManMessages.Parameter(serviceUri, "DataItems", chunk.Select(item => item.ToEmbeddedInstance())));
            var output = await _client.InvokeAsync(service, method, parameters, cancellationToken).ConfigureAwait(false);
            var code = output.GetUInt32("ReturnValue")
                ?? throw new WsManException($"The {method} response has no ReturnValue.");
            if (code == HyperVReturnCodes.JobStarted)
            {
                var job = output.GetReference("Job")?.Selector("InstanceID")
                    ?? throw new WsManException($"{method} started a job but returned no Job reference.");
                await WaitForJobAsync(method, job, cancellationToken).ConfigureAwait(false);
            }
            else if (code != HyperVReturnCodes.Completed)
            {
                throw new HyperVException($"{method} failed: {code} ({HyperVReturnCodes.Describe(code)}).", code);
            }
        }
    }

    /// <summary>Polls the job until it ends (libvirt's wait: every 100 ms, at most 5 minutes).</summary>
    private async Task WaitForJobAsync(string method, string instanceId, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        while (true)
        {
            var jobs = await _client.EnumerateAsync("Msvm_ConcreteJob", Wql.Job(instanceId), cancellationToken).ConfigureAwait(false);
            if (jobs.Count == 0)
            {
                throw new HyperVException($"The job of {method} ({instanceId}) vanished before it was seen to end.");
            }

            var job = jobs[0];
            var state = job.GetUInt32("JobState") ?? 0;
            if (state == ConcreteJobState.Completed)
            {
                return;
            }

            if (ConcreteJobState.IsFinal(state))
            {
                var code = job.GetUInt32("ErrorCode");
                var description = job.GetString("ErrorDescription");
                var meaning = code is { } known ? $"error {known} ({HyperVReturnCodes.Describe(known)})" : "no error code";
                var text = string.IsNullOrWhiteSpace(description) ? string.Empty : $": {description.Trim()}";
                throw new HyperVException(
                    $"{method} failed: the job ended in state {ConcreteJobState.Name(state)}, {meaning}{text}", code);
            }

            if (_time.GetElapsedTime(started) >= _jobTimeout)
            {
                throw new HyperVException(
                    $"{method}: the job {instanceId} is still {ConcreteJobState.Name(state)} after {_jobTimeout.TotalSeconds:0} s; gave up waiting.");
            }

            await Task.Delay(_pollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<EndpointReference> GetServiceAsync(CancellationToken cancellationToken)
    {
        if (_service is not null)
        {
            return _service;
        }

        var services = await _client.EnumerateAsync(ServiceClass, Wql.ManagementService, cancellationToken).ConfigureAwait(false);
        if (services.Count == 0)
        {
            throw new HyperVException("The host has no Msvm_VirtualSystemManagementService: is the Hyper-V role installed?");
        }

        var service = services[0];
        string[] keys = ["CreationClassName", "Name", "SystemCreationClassName", "SystemName"];
        _service = new EndpointReference(
            WsManNames.ClassUri(ServiceClass),
            keys.Select(key => KeyValuePair.Create(key, service.GetString(key) ?? string.Empty)).ToArray());
        return _service;
    }
}
