// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace KvpDaemon.Remote;

/// <summary>
/// One <c>Msvm_KvpExchangeDataItem</c> (docs/compatibility.md A.1): a key, a value, and where it comes from. On the wire it is
/// an embedded instance: the text of a CIM-XML (DSP0201) <c>INSTANCE</c> document, as <c>GetText(CimDtd20)</c> makes it.
/// </summary>
/// <param name="Name">The key.</param>
/// <param name="Data">The value.</param>
/// <param name="Source">0 host items (pool 0), 1 guest items (pool 1), 2 intrinsic (pool 2), 4 host-only.</param>
internal sealed record KvpDataItem(string Name, string Data, ushort Source)
{
    /// <summary>The class name of the embedded instance.</summary>
    public const string ClassName = "Msvm_KvpExchangeDataItem";

    /// <summary>Source of items the host pushes to the guest (pool 0).</summary>
    public const ushort HostSource = 0;

    /// <summary>The item as a CIM-XML INSTANCE document (the text of one <c>DataItems</c> element).</summary>
    public string ToEmbeddedInstance()
    {
        var instance = new XElement(
            "INSTANCE",
            new XAttribute("CLASSNAME", ClassName),
            Property("Data", "string", Data),
            Property("Name", "string", Name),
            Property("Source", "uint16", Source.ToString(CultureInfo.InvariantCulture)));
        return instance.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>
    /// Parses one embedded instance (the already-unescaped text of an array element: the document was escaped into
    /// the outer XML, so it is parsed a second time here).
    /// </summary>
    /// <exception cref="WsManException">The text is not an INSTANCE of Msvm_KvpExchangeDataItem with a Name.</exception>
    public static KvpDataItem Parse(string embedded)
    {
        XElement instance;
        try
        {
            // The embedded text comes from the server as much as the envelope does: the same reader, so a DTD in it is
            // refused too instead of expanding its entities (XElement.Parse would process it).
            using var reader = XmlReader.Create(new StringReader(embedded), WsManResponses.SafeReaderSettings);
            instance = XElement.Load(reader);
        }
        catch (XmlException e)
        {
            throw new WsManException($"An embedded {ClassName} is not XML: {e.Message}", e);
        }

        if (instance.Name.LocalName != "INSTANCE")
        {
            throw new WsManException($"An embedded {ClassName} is a <{instance.Name.LocalName}>, not an INSTANCE.");
        }

        var name = Value(instance, "Name") ?? throw new WsManException($"An embedded {ClassName} has no Name.");
        var source = ushort.TryParse(Value(instance, "Source"), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : (ushort)0;
        return new KvpDataItem(name, Value(instance, "Data") ?? string.Empty, source);
    }

    private static XElement Property(string name, string type, string value) => new(
        "PROPERTY", new XAttribute("NAME", name), new XAttribute("TYPE", type), new XElement("VALUE", value));

    private static string? Value(XElement instance, string property) => instance
        .Elements("PROPERTY")
        .FirstOrDefault(element => (string?)element.Attribute("NAME") == property)?
        .Element("VALUE")?.Value;
}
