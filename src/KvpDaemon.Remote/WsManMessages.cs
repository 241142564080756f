// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using System.Xml.Linq;

namespace KvpDaemon.Remote;

/// <summary>
/// Builds the SOAP 1.2 request envelopes of WS-Management (DSP0226): WS-Enumeration Enumerate with a WQL filter and
/// Pull, and a custom-action Invoke of a WMI method. Pure functions of their arguments (the message ID included), so
/// the requests can be compared with golden files.
/// </summary>
internal static class WsManMessages
{
    /// <summary>The largest response envelope we accept, in bytes (WinRM's default MaxEnvelopeSizekb is 500).</summary>
    public const int MaxEnvelopeSize = 512000;

    /// <summary>
    /// An Enumerate of <paramref name="resourceUri"/> (the namespace wildcard) filtered by <paramref name="wql"/>;
    /// the items come with Pull.
    /// </summary>
    public static XDocument Enumerate(Uri to, string resourceUri, string wql, Guid messageId, TimeSpan operationTimeout) =>
        Envelope(
            to,
            resourceUri,
            WsManNames.EnumerateAction,
            messageId,
            operationTimeout,
            selectors: null,
            new XElement(
                WsManNames.Enumeration + "Enumerate",
                new XElement(
                    WsManNames.WsMan + "Filter",
                    new XAttribute("Dialect", WsManNames.WqlDialect),
                    wql)));

    /// <summary>A Pull of the next items of <paramref name="enumerationContext"/>, against the class URI.</summary>
    public static XDocument Pull(Uri to, string resourceUri, string enumerationContext, Guid messageId, TimeSpan operationTimeout, int maxElements) =>
        Envelope(
            to,
            resourceUri,
            WsManNames.PullAction,
            messageId,
            operationTimeout,
            selectors: null,
            new XElement(
                WsManNames.Enumeration + "Pull",
                new XElement(WsManNames.Enumeration + "EnumerationContext", enumerationContext),
                new XElement(WsManNames.Enumeration + "MaxElements", maxElements.ToString(CultureInfo.InvariantCulture))));

    /// <summary>
    /// An invocation of <paramref name="method"/> on the instance <paramref name="target"/>: action
    /// <c>resourceURI/Method</c>, body <c>p:Method_INPUT</c> in the class's namespace holding
    /// <paramref name="parameters"/> (built with the Parameter methods).
    /// </summary>
    public static XDocument Invoke(Uri to, EndpointReference target, string method, IEnumerable<XElement> parameters, Guid messageId, TimeSpan operationTimeout)
    {
        XNamespace p = target.ResourceUri;
        return Envelope(
            to,
            target.ResourceUri,
            target.ResourceUri + "/" + method,
            messageId,
            operationTimeout,
            target,
            new XElement(p + (method + "_INPUT"), new XAttribute(XNamespace.Xmlns + "p", p), parameters));
    }

    /// <summary>A scalar or string-array input parameter of a method of the class <paramref name="resourceUri"/>.</summary>
    public static IEnumerable<XElement> Parameter(string resourceUri, string name, IEnumerable<string> values)
    {
        XNamespace p = resourceUri;
        return values.Select(value => new XElement(p + name, value));
    }

    /// <summary>A reference input parameter (a CIM reference passed as an endpoint reference).</summary>
    public static XElement Parameter(string resourceUri, string name, EndpointReference reference)
    {
        XNamespace p = resourceUri;
        return reference.ToXml(p + name);
    }

    /// <summary>Serialises an envelope as WinRM expects it on the wire: UTF-8, no byte-order mark, no indentation.</summary>
    public static byte[] ToBytes(XDocument envelope)
    {
        using var stream = new MemoryStream();
        using (var writer = System.Xml.XmlWriter.Create(stream, new System.Xml.XmlWriterSettings
        {
            Encoding = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = false,
        }))
        {
            envelope.Save(writer);
        }

        return stream.ToArray();
    }

    private static XDocument Envelope(
        Uri to, string resourceUri, string action, Guid messageId, TimeSpan operationTimeout, EndpointReference? selectors, XElement body)
    {
        var s = WsManNames.Soap;
        var a = WsManNames.Addressing;
        var w = WsManNames.WsMan;
        var mustUnderstand = new XAttribute(s + "mustUnderstand", "true");
        var header = new XElement(
            s + "Header",
            new XElement(a + "To", to.AbsoluteUri),
            new XElement(w + "ResourceURI", mustUnderstand, resourceUri),
            new XElement(a + "ReplyTo", new XElement(a + "Address", mustUnderstand, WsManNames.AnonymousAddress)),
            new XElement(a + "Action", mustUnderstand, action),
            new XElement(w + "MaxEnvelopeSize", mustUnderstand, MaxEnvelopeSize.ToString(CultureInfo.InvariantCulture)),
            new XElement(a + "MessageID", "uuid:" + messageId.ToString("D").ToUpperInvariant()),
            new XElement(w + "OperationTimeout", System.Xml.XmlConvert.ToString(operationTimeout)));
        if (selectors is not null)
        {
            header.Add(selectors.SelectorSet());
        }

        return new XDocument(new XElement(
            s + "Envelope",
            new XAttribute(XNamespace.Xmlns + "s", s),
            new XAttribute(XNamespace.Xmlns + "a", a),
            new XAttribute(XNamespace.Xmlns + "n", WsManNames.Enumeration),
            new XAttribute(XNamespace.Xmlns + "w", w),
            header,
            new XElement(s + "Body", body)));
    }
}
