// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Xml.Linq;

namespace KvpDaemon.Remote;

/// <summary>
/// A WS-Addressing endpoint reference to one CIM instance: its class resource URI and its key selectors. It is how
/// WS-Management passes a CIM reference (a method's <c>TargetSystem</c>, a returned <c>Job</c>).
/// </summary>
internal sealed record EndpointReference(string ResourceUri, IReadOnlyList<KeyValuePair<string, string>> Selectors)
{
    /// <summary>The value of one selector, or null.</summary>
    public string? Selector(string name) =>
        Selectors.FirstOrDefault(selector => selector.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The reference as an element named <paramref name="name"/>: Address plus ReferenceParameters.</summary>
    public XElement ToXml(XName name) => new(
        name,
        new XElement(WsManNames.Addressing + "Address", WsManNames.AnonymousAddress),
        new XElement(
            WsManNames.Addressing + "ReferenceParameters",
            new XElement(WsManNames.WsMan + "ResourceURI", ResourceUri),
            SelectorSet()));

    /// <summary>The <c>w:SelectorSet</c> element.</summary>
    public XElement SelectorSet() => new(
        WsManNames.WsMan + "SelectorSet",
        Selectors.Select(selector => new XElement(
            WsManNames.WsMan + "Selector", new XAttribute("Name", selector.Key), selector.Value)));

    /// <summary>Reads a reference element (Address, ReferenceParameters/ResourceURI and SelectorSet).</summary>
    /// <exception cref="WsManException">The element has no ReferenceParameters.</exception>
    public static EndpointReference Parse(XElement element)
    {
        var parameters = element.Element(WsManNames.Addressing + "ReferenceParameters")
            ?? throw new WsManException($"The reference {element.Name.LocalName} has no ReferenceParameters.");
        var resourceUri = parameters.Element(WsManNames.WsMan + "ResourceURI")?.Value ?? string.Empty;
        var selectors = parameters.Element(WsManNames.WsMan + "SelectorSet")?
            .Elements(WsManNames.WsMan + "Selector")
            .Select(selector => KeyValuePair.Create((string?)selector.Attribute("Name") ?? string.Empty, selector.Value))
            .ToArray() ?? [];
        return new EndpointReference(resourceUri, selectors);
    }
}
