// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Xml.Linq;
using KvpDaemon.Remote;

namespace KvpDaemon.HostSimulator.WsMan;

/// <summary>
/// A CIM instance the simulated host serves: its class and its properties in order, each a string, a string array
/// (repeated elements) or a reference. Serialised as WinRM does: an element per property in the class's namespace.
/// </summary>
internal sealed class SimulatedInstance(string className)
{
    private readonly List<KeyValuePair<string, object>> _properties = [];

    public string ClassName { get; } = className;

    /// <summary>Adds a scalar property (the text of its element).</summary>
    public SimulatedInstance With(string name, string value)
    {
        _properties.Add(KeyValuePair.Create<string, object>(name, value));
        return this;
    }

    /// <summary>Adds an array property.</summary>
    public SimulatedInstance With(string name, IReadOnlyList<string> values)
    {
        _properties.Add(KeyValuePair.Create<string, object>(name, values));
        return this;
    }

    /// <summary>Adds a reference property.</summary>
    public SimulatedInstance With(string name, EndpointReference reference)
    {
        _properties.Add(KeyValuePair.Create<string, object>(name, reference));
        return this;
    }

    /// <summary>A scalar property's value, or null.</summary>
    public string? Get(string name) =>
        _properties.FirstOrDefault(property => property.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value as string;

    /// <summary>The instance as a WS-Management item (or a method's <c>_OUTPUT</c> when named so).</summary>
    public XElement ToXml(string? elementName = null, string? resourceUri = null)
    {
        XNamespace p = resourceUri ?? WsManNames.ClassUri(ClassName);
        var element = new XElement(p + (elementName ?? ClassName), new XAttribute(XNamespace.Xmlns + "p", p));
        foreach (var (name, value) in _properties)
        {
            switch (value)
            {
                case string text:
                    element.Add(new XElement(p + name, text));
                    break;
                case IReadOnlyList<string> values when values.Count == 0:
                    element.Add(new XElement(p + name, new XAttribute(WsManNames.Xsi + "nil", "true")));
                    break;
                case IReadOnlyList<string> values:
                    element.Add(values.Select(item => new XElement(p + name, item)));
                    break;
                case EndpointReference reference:
                    element.Add(reference.ToXml(p + name));
                    break;
            }
        }

        return element;
    }
}
