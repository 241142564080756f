// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Globalization;
using System.Xml.Linq;
using KvpDaemon.Remote;

namespace KvpDaemon.HostSimulator.WsMan;

/// <summary>
/// A Hyper-V host with ONE virtual machine ("kvp-lab") as WS-Management shows it (docs/compatibility.md A): the classes hvkvp
/// reads, WQL enumeration with Pull, and AddKvpItems/ModifyKvpItems/RemoveKvpItems which start jobs. The VM's KVP
/// exchange is the real daemon behind <see cref="IGuestKvp"/>: intrinsic items are an ENUMERATE of pool 2, guest items
/// of pool 1; host items are what was added here, each added item also SET into pool 0 (removed: DELETE).
/// </summary>
/// <remarks>Thread-safe: HTTP requests may arrive concurrently; the guest exchange serialises itself.</remarks>
internal sealed class SimulatedHyperVHost
{
    /// <summary>The VM's name (ElementName).</summary>
    public const string VmName = "kvp-lab";

    /// <summary>The VM's GUID (Msvm_ComputerSystem.Name).</summary>
    public const string VmId = "6A2C3E5B-8D4F-4B1A-9E07-4C2D1B3A5F60";

    /// <summary>The host's computer name.</summary>
    public const string HostName = "KVP-SIM-HOST";

    private const string ServiceClass = "Msvm_VirtualSystemManagementService";

    /// <summary>The namespace of WS-Management Identify (DSP0226 11).</summary>
    private static readonly XNamespace IdentityNamespace = "http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd";

    private readonly IGuestKvp _guest;
    private readonly ConcurrentDictionary<string, Queue<XElement>> _enumerations = new();
    private readonly ConcurrentDictionary<string, SimulatedInstance> _jobs = new();
    private readonly List<KeyValuePair<string, string>> _hostItems = [];
    private readonly SemaphoreSlim _hostItemsLock = new(1, 1);

    public SimulatedHyperVHost(IGuestKvp guest)
    {
        _guest = guest;
    }

    /// <summary>Answers one request envelope; a fault is returned as an envelope too, with <c>IsFault</c> set.</summary>
    public async Task<(XDocument Response, bool IsFault)> HandleAsync(XDocument request, CancellationToken cancellationToken)
    {
        var header = request.Root?.Element(WsManNames.Soap + "Header");
        var body = request.Root?.Element(WsManNames.Soap + "Body");
        var action = header?.Element(WsManNames.Addressing + "Action")?.Value;
        var resourceUri = header?.Element(WsManNames.WsMan + "ResourceURI")?.Value ?? string.Empty;
        var relatesTo = header?.Element(WsManNames.Addressing + "MessageID")?.Value ?? string.Empty;
        if (body?.Element(IdentityNamespace + "Identify") is not null)
        {
            // WS-Management Identify (DSP0226 11): no header, no action; clients (wsl, Test-WSMan) send it first.
            return (Identify(), false);
        }

        if (header is null || body is null || action is null)
        {
            return (Fault(relatesTo, "s:Sender", "The request is not a WS-Management SOAP 1.2 envelope."), true);
        }

        try
        {
            var (responseAction, content) = action switch
            {
                WsManNames.EnumerateAction => (WsManNames.Enumeration.NamespaceName + "/EnumerateResponse",
                    await EnumerateAsync(body, resourceUri, cancellationToken).ConfigureAwait(false)),
                WsManNames.PullAction => (WsManNames.Enumeration.NamespaceName + "/PullResponse", Pull(body)),
                _ when action.StartsWith(WsManNames.ClassUri(ServiceClass) + "/", StringComparison.Ordinal) =>
                    (action + "Response", await InvokeAsync(action[(action.LastIndexOf('/') + 1)..], resourceUri, body, cancellationToken).ConfigureAwait(false)),
                _ => throw new SimulatedFaultException(
                    "a:ActionNotSupported", $"The action '{action}' is not supported by the simulated Hyper-V host."),
            };
            return (Envelope(responseAction, relatesTo, content), false);
        }
        catch (SimulatedFaultException e)
        {
            return (Fault(relatesTo, e.Subcode, e.Message), true);
        }
    }

    private async Task<XElement> EnumerateAsync(XElement body, string resourceUri, CancellationToken cancellationToken)
    {
        var filter = body.Element(WsManNames.Enumeration + "Enumerate")?.Element(WsManNames.WsMan + "Filter");
        string wql;
        if (filter is null && resourceUri.StartsWith(WsManNames.VirtualizationV2, StringComparison.OrdinalIgnoreCase)
            && resourceUri != WsManNames.VirtualizationV2Wildcard)
        {
            // No filter: every instance of the class the resource URI names, as Hyper-V's WinRM answers (wsl, pywinrm).
            wql = "SELECT * FROM " + resourceUri[WsManNames.VirtualizationV2.Length..];
        }
        else if (filter is not null && (string?)filter.Attribute("Dialect") == WsManNames.WqlDialect)
        {
            wql = filter.Value;
        }
        else
        {
            throw new SimulatedFaultException(
                "w:CannotProcessFilter",
                "The simulated host enumerates a class's resource URI without a filter, or any resource URI with a WQL filter.");
        }

        WqlFilter query;
        try
        {
            query = WqlFilter.Parse(wql);
        }
        catch (FormatException e)
        {
            throw new SimulatedFaultException("w:CannotProcessFilter", e.Message);
        }

        var instances = await InstancesAsync(query, cancellationToken).ConfigureAwait(false);
        var context = "uuid:" + Guid.NewGuid().ToString("D").ToUpperInvariant();
        _enumerations[context] = new Queue<XElement>(instances.Where(query.Matches).Select(instance => instance.ToXml()));
        return new XElement(
            WsManNames.Enumeration + "EnumerateResponse",
            new XElement(WsManNames.Enumeration + "EnumerationContext", context));
    }

    private XElement Pull(XElement body)
    {
        var n = WsManNames.Enumeration;
        var pull = body.Element(n + "Pull");
        var context = pull?.Element(n + "EnumerationContext")?.Value ?? string.Empty;
        if (!_enumerations.TryGetValue(context, out var queue))
        {
            throw new SimulatedFaultException("n:InvalidEnumerationContext", "The enumeration context supplied in the message is not valid.");
        }

        var max = int.TryParse(pull?.Element(n + "MaxElements")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? parsed
            : 1;
        var items = new XElement(n + "Items");
        lock (queue)
        {
            while (items.Elements().Count() < max && queue.TryDequeue(out var item))
            {
                items.Add(item);
            }
        }

        var response = new XElement(n + "PullResponse");
        if (queue.Count == 0)
        {
            _enumerations.TryRemove(context, out _);
            response.Add(items, new XElement(n + "EndOfSequence"));
        }
        else
        {
            response.Add(new XElement(n + "EnumerationContext", context), items);
        }

        return response;
    }

    private async Task<XElement> InvokeAsync(string method, string resourceUri, XElement body, CancellationToken cancellationToken)
    {
        var serviceUri = WsManNames.ClassUri(ServiceClass);
        XNamespace p = serviceUri;
        var input = body.Element(p + (method + "_INPUT"));
        if (resourceUri != serviceUri || input is null || method is not ("AddKvpItems" or "ModifyKvpItems" or "RemoveKvpItems"))
        {
            throw new SimulatedFaultException(
                "w:InvalidParameter", $"The method '{method}' of '{resourceUri}' is not supported by the simulated host.");
        }

        var output = new SimulatedInstance(ServiceClass);
        var target = input.Element(p + "TargetSystem");
        var targetId = target is null ? null : EndpointReference.Parse(target).Selector("Name");
        List<KvpDataItem> items;
        try
        {
            items = input.Elements(p + "DataItems").Select(element => KvpDataItem.Parse(element.Value)).ToList();
        }
        catch (WsManException)
        {
            items = [];
            targetId = null;
        }

        // Parameter problems are reported at once, as ReturnValue (no job): Hyper-V checks parameters first.
        if (!string.Equals(targetId, VmId, StringComparison.OrdinalIgnoreCase) || items.Count is 0 or > HyperVKvpClient.MaxItemsPerCall)
        {
            return output.With("ReturnValue", HyperVReturnCodes.InvalidParameter.ToString(CultureInfo.InvariantCulture))
                .ToXml(method + "_OUTPUT", serviceUri);
        }

        var job = await RunJobAsync(method, items, cancellationToken).ConfigureAwait(false);
        var jobId = job.Get("InstanceID")!;
        _jobs[jobId] = job;
        var reference = new EndpointReference(
            WsManNames.ClassUri("Msvm_ConcreteJob"), [KeyValuePair.Create("InstanceID", jobId)]);
        return output.With("Job", reference)
            .With("ReturnValue", HyperVReturnCodes.JobStarted.ToString(CultureInfo.InvariantCulture))
            .ToXml(method + "_OUTPUT", serviceUri);
    }

    /// <summary>Does the method's work and returns its job, already ended (Completed or Exception with an error).</summary>
    private async Task<SimulatedInstance> RunJobAsync(string method, IReadOnlyList<KvpDataItem> items, CancellationToken cancellationToken)
    {
        uint error = 0;
        string description = string.Empty;
        await _hostItemsLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var item in items)
            {
                var index = _hostItems.FindIndex(existing => existing.Key == item.Name);
                (error, description) = method switch
                {
                    "AddKvpItems" when index >= 0 => (HyperVReturnCodes.InvalidParameter, $"The key '{item.Name}' already exists."),
                    "ModifyKvpItems" when index < 0 => (HyperVReturnCodes.InvalidParameter, $"The key '{item.Name}' does not exist."),
                    "RemoveKvpItems" when index < 0 => (HyperVReturnCodes.NotFound, $"The key '{item.Name}' does not exist."),
                    _ when method != "RemoveKvpItems" && item.Source != KvpDataItem.HostSource =>
                        (HyperVReturnCodes.InvalidParameter, $"The item '{item.Name}' has Source {item.Source}; host items have Source 0."),
                    _ => (0u, string.Empty),
                };
                if (error != 0)
                {
                    break;
                }

                var status = method == "RemoveKvpItems"
                    ? await _guest.DeleteHostItemAsync(item.Name, cancellationToken).ConfigureAwait(false)
                    : await _guest.SetHostItemAsync(item.Name, item.Data, cancellationToken).ConfigureAwait(false);
                if (status is not null)
                {
                    (error, description) = (HyperVReturnCodes.Failed, $"The guest's KVP daemon answered {status} for '{item.Name}'.");
                    break;
                }

                if (method == "RemoveKvpItems")
                {
                    _hostItems.RemoveAt(index);
                }
                else if (index >= 0)
                {
                    _hostItems[index] = KeyValuePair.Create(item.Name, item.Data);
                }
                else
                {
                    _hostItems.Add(KeyValuePair.Create(item.Name, item.Data));
                }
            }
        }
        finally
        {
            _hostItemsLock.Release();
        }

        var job = new SimulatedInstance("Msvm_ConcreteJob")
            .With("InstanceID", Guid.NewGuid().ToString("D").ToUpperInvariant())
            .With("Caption", method)
            .With("JobState", (error == 0 ? ConcreteJobState.Completed : ConcreteJobState.Exception).ToString(CultureInfo.InvariantCulture))
            .With("ErrorCode", error.ToString(CultureInfo.InvariantCulture));
        return error == 0 ? job : job.With("ErrorDescription", description);
    }

    private async Task<IReadOnlyList<SimulatedInstance>> InstancesAsync(WqlFilter query, CancellationToken cancellationToken)
    {
        switch (query.ClassName.ToUpperInvariant())
        {
            case "MSVM_COMPUTERSYSTEM":
                return
                [
                    new SimulatedInstance("Msvm_ComputerSystem")
                        .With("Caption", "Hosting Computer System").With("CreationClassName", "Msvm_ComputerSystem")
                        .With("Description", "Microsoft Hosting Computer System").With("ElementName", HostName)
                        .With("EnabledState", "2").With("Name", HostName),
                    new SimulatedInstance("Msvm_ComputerSystem")
                        .With("Caption", "Virtual Machine").With("CreationClassName", "Msvm_ComputerSystem")
                        .With("Description", "Microsoft Virtual Machine").With("ElementName", VmName)
                        .With("EnabledState", "2").With("Name", VmId),
                ];
            case "MSVM_VIRTUALSYSTEMMANAGEMENTSERVICE":
                return
                [
                    new SimulatedInstance(ServiceClass)
                        .With("CreationClassName", ServiceClass).With("ElementName", "Virtual System Management Service")
                        .With("Name", "vmms").With("SystemCreationClassName", "Msvm_ComputerSystem").With("SystemName", HostName),
                ];
            case "MSVM_KVPEXCHANGECOMPONENT":
                var intrinsic = await _guest.EnumerateAsync(2, cancellationToken).ConfigureAwait(false);
                var guest = await _guest.EnumerateAsync(1, cancellationToken).ConfigureAwait(false);
                return
                [
                    new SimulatedInstance("Msvm_KvpExchangeComponent")
                        .With("CreationClassName", "Msvm_KvpExchangeComponent")
                        .With("DeviceID", $"Microsoft:{VmId}\\KvpExchange")
                        .With("ElementName", "Key-Value Pair Exchange")
                        .With("GuestExchangeItems", Embedded(guest, 1))
                        .With("GuestIntrinsicExchangeItems", Embedded(intrinsic, 2))
                        .With("OperationalStatus", ["2"])
                        .With("SystemCreationClassName", "Msvm_ComputerSystem")
                        .With("SystemName", VmId),
                ];
            case "MSVM_KVPEXCHANGECOMPONENTSETTINGDATA":
                if (query.AssociatedPath?.Contains("Microsoft:" + VmId, StringComparison.OrdinalIgnoreCase) != true)
                {
                    return [];
                }

                KeyValuePair<string, string>[] hostItems;
                await _hostItemsLock.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    hostItems = [.. _hostItems];
                }
                finally
                {
                    _hostItemsLock.Release();
                }

                return
                [
                    new SimulatedInstance("Msvm_KvpExchangeComponentSettingData")
                        .With("ElementName", "Key-Value Pair Exchange")
                        .With("HostExchangeItems", Embedded(hostItems, 0))
                        .With("InstanceID", $"Microsoft:{VmId}\\KvpExchange\\Default"),
                ];
            case "MSVM_GUESTNETWORKADAPTERCONFIGURATION":
                var adapters = await _guest.GetNetworkAsync(cancellationToken).ConfigureAwait(false);
                return adapters.Select((adapter, index) => new SimulatedInstance("Msvm_GuestNetworkAdapterConfiguration")
                    .With("DefaultGateways", Split(adapter.Gateways))
                    .With("DHCPEnabled", adapter.DhcpEnabled ? "true" : "false")
                    .With("DNSServers", Split(adapter.DnsServers))
                    .With("InstanceID", $"Microsoft:GuestNetwork\\{VmId}\\NIC{index}-{adapter.Mac}")
                    .With("IPAddresses", Split(adapter.IpAddresses))
                    .With("Subnets", Split(adapter.Subnets))).ToArray();
            case "MSVM_CONCRETEJOB":
                return _jobs.Values.ToArray();
            default:
                return [];
        }
    }

    private static string[] Split(string list) => list.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string[] Embedded(IEnumerable<KeyValuePair<string, string>> items, ushort source) =>
        items.Select(item => new KvpDataItem(item.Key, item.Value, source).ToEmbeddedInstance()).ToArray();

    private static XDocument Envelope(string action, string relatesTo, XElement content) => new(new XElement(
        WsManNames.Soap + "Envelope",
        new XAttribute(XNamespace.Xmlns + "s", WsManNames.Soap),
        new XAttribute(XNamespace.Xmlns + "a", WsManNames.Addressing),
        new XAttribute(XNamespace.Xmlns + "n", WsManNames.Enumeration),
        new XAttribute(XNamespace.Xmlns + "w", WsManNames.WsMan),
        new XElement(
            WsManNames.Soap + "Header",
            new XElement(WsManNames.Addressing + "To", WsManNames.AnonymousAddress),
            new XElement(WsManNames.Addressing + "Action", action),
            new XElement(WsManNames.Addressing + "MessageID", "uuid:" + Guid.NewGuid().ToString("D").ToUpperInvariant()),
            new XElement(WsManNames.Addressing + "RelatesTo", relatesTo)),
        new XElement(WsManNames.Soap + "Body", content)));

    /// <summary>The fault for a request body that is not XML at all (no MessageID to relate it to).</summary>
    public static XDocument MalformedRequestFault(string reason) =>
        Fault(string.Empty, "w:SchemaValidationError", $"The request is not well-formed XML: {reason}");

    private static XDocument Identify()
    {
        var id = IdentityNamespace;
        return new XDocument(new XElement(
            WsManNames.Soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "s", WsManNames.Soap),
            new XAttribute(XNamespace.Xmlns + "wsmid", id),
            new XElement(WsManNames.Soap + "Header"),
            new XElement(
                WsManNames.Soap + "Body",
                new XElement(
                    id + "IdentifyResponse",
                    new XElement(id + "ProtocolVersion", WsManNames.WsMan.NamespaceName),
                    new XElement(id + "ProductVendor", "KvpDaemon hvkvp-sim (simulated Hyper-V host)"),
                    new XElement(id + "ProductVersion", "OS: simulated SP: 0.0 Stack: 3.0")))));
    }

    private static XDocument Fault(string relatesTo, string subcode, string reason)
    {
        var s = WsManNames.Soap;
        return Envelope(
            WsManNames.Addressing.NamespaceName + "/fault",
            relatesTo,
            new XElement(
                s + "Fault",
                new XElement(s + "Code", new XElement(s + "Value", "s:Sender"), new XElement(s + "Subcode", new XElement(s + "Value", subcode))),
                new XElement(s + "Reason", new XElement(s + "Text", new XAttribute(XNamespace.Xml + "lang", "en-US"), reason))));
    }
}
