// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Xml.Linq;

namespace KvpDaemon.Remote;

/// <summary>
/// The XML namespaces, actions and resource URIs of WS-Management as WinRM speaks it (DSP0226, MS-WSMV), and of
/// Hyper-V's WMI provider (docs/compatibility.md A.3). Spelled as the specifications spell them.
/// </summary>
internal static class WsManNames
{
    /// <summary>SOAP 1.2.</summary>
    public static readonly XNamespace Soap = "http://www.w3.org/2003/05/soap-envelope";

    /// <summary>WS-Addressing (the 2004/08 submission WinRM uses).</summary>
    public static readonly XNamespace Addressing = "http://schemas.xmlsoap.org/ws/2004/08/addressing";

    /// <summary>WS-Enumeration.</summary>
    public static readonly XNamespace Enumeration = "http://schemas.xmlsoap.org/ws/2004/09/enumeration";

    /// <summary>WS-Management (DMTF DSP0226).</summary>
    public static readonly XNamespace WsMan = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";

    /// <summary>XML Schema instance (<c>xsi:nil</c>).</summary>
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public const string EnumerateAction = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate";

    public const string PullAction = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Pull";

    public const string AnonymousAddress = "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous";

    /// <summary>The filter dialect of WQL queries.</summary>
    public const string WqlDialect = "http://schemas.microsoft.com/wbem/wsman/1/WQL";

    /// <summary>The resource URI prefix of the Hyper-V v2 WMI namespace (root\virtualization\v2).</summary>
    public const string VirtualizationV2 = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/";

    /// <summary>The namespace wildcard that WQL enumerations target (libvirt's hypervEnumAndPull).</summary>
    public const string VirtualizationV2Wildcard = VirtualizationV2 + "*";

    /// <summary>The resource URI of one class of root\virtualization\v2.</summary>
    public static string ClassUri(string className) => VirtualizationV2 + className;
}
