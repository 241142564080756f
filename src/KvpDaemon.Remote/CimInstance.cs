// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Xml.Linq;

namespace KvpDaemon.Remote;

/// <summary>
/// One CIM instance as WS-Management returns it: an element named after its class whose children are its properties,
/// an array property being the same element repeated, a null one <c>xsi:nil="true"</c>. Also the <c>_OUTPUT</c> of a
/// method, which has the same shape.
/// </summary>
internal sealed class CimInstance
{
    private readonly XElement _element;

    public CimInstance(XElement element)
    {
        _element = element;
    }

    /// <summary>A scalar property's text, or null when absent or nil.</summary>
    public string? GetString(string name) => Values(name).FirstOrDefault();

    /// <summary>An array property's elements (empty when absent or nil).</summary>
    public IReadOnlyList<string> GetStrings(string name) => Values(name).ToArray();

    /// <summary>An unsigned integer property, or null when absent, nil or not a number.</summary>
    public uint? GetUInt32(string name) =>
        uint.TryParse(GetString(name), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    /// <summary>A boolean property, or null.</summary>
    public bool? GetBoolean(string name) => GetString(name) is { } text && bool.TryParse(text, out var value) ? value : null;

    /// <summary>A reference property (an endpoint reference), or null.</summary>
    public EndpointReference? GetReference(string name) =>
        Properties(name).FirstOrDefault(element => !IsNil(element)) is { } element ? EndpointReference.Parse(element) : null;

    private IEnumerable<string> Values(string name) =>
        Properties(name).Where(element => !IsNil(element)).Select(element => element.Value);

    private IEnumerable<XElement> Properties(string name) => _element.Elements().Where(element => element.Name.LocalName == name);

    private static bool IsNil(XElement element) => (string?)element.Attribute(WsManNames.Xsi + "nil") == "true";
}
