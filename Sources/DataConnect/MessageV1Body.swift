// DataConnect: the HTML and text bodies of a synthetic message, and its transport headers.

import Foundation

/// The text of one message: Outlook-style HTML for `body`/`uniqueBody`, and the text rendering that
/// `bodyPreview` is cut from. A reply quotes the previous message below an Outlook reply header.
struct MessageV1Body {
    struct Quote {
        let sender: MailParty
        let recipients: [MailParty]
        let sentAt: Int64
        let subject: String
        let snippet: String
    }

    let greeting: String
    let recipientName: String
    let paragraphs: [String]
    let signOff: String
    let senderName: String
    let quote: Quote?

    /// The new part only (`uniqueBody`).
    var uniqueHTML: String { html(includingQuote: false) }

    /// The whole body (`body`).
    var fullHTML: String { html(includingQuote: true) }

    /// The text rendering (CRLF line breaks, as Exchange produces).
    var text: String {
        var lines = ["\(greeting) \(recipientName),", ""]
        for paragraph in paragraphs { lines += [paragraph, ""] }
        lines += [signOff, senderName]
        if let quote {
            lines += ["", "________________________________",
                      "From: \(quote.sender.headerText)",
                      "Sent: \(RowTime.quotedSentDate(seconds: quote.sentAt))",
                      "To: \(quote.recipients.map(\.name).joined(separator: "; "))",
                      "Subject: \(quote.subject)", "", quote.snippet]
        }
        return lines.joined(separator: "\r\n")
    }

    /// The first `MessageV1Schema.previewLength` characters of the text body.
    var preview: String { String(text.prefix(MessageV1Schema.previewLength)) }

    private func html(includingQuote: Bool) -> String {
        var out = "<html><head>\r\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\r\n"
            + "<style type=\"text/css\" style=\"display:none\">\r\n<!--\r\np\r\n\t{margin-top:0;\r\n\tmargin-bottom:0}\r\n-->\r\n</style>\r\n"
            + "</head>\r\n<body dir=\"ltr\">\r\n<div class=\"elementToProof\" style=\"font-family:Aptos,Calibri,Helvetica,sans-serif; font-size:12pt; color:rgb(0,0,0)\">\r\n"
        out += "<p>\(escape(greeting)) \(escape(recipientName)),</p>\r\n<p><br></p>\r\n"
        for paragraph in paragraphs { out += "<p>\(escape(paragraph))</p>\r\n<p><br></p>\r\n" }
        out += "<p>\(escape(signOff))<br>\r\n\(escape(senderName))</p>\r\n</div>\r\n"
        if includingQuote, let quote {
            out += "<hr style=\"display:inline-block;width:98%\" tabindex=\"-1\">\r\n<div id=\"divRplyFwdMsg\" dir=\"ltr\">"
                + "<font face=\"Calibri, sans-serif\" style=\"font-size:11pt\" color=\"#000000\">"
                + "<b>From:</b> \(escape(quote.sender.headerText))<br>\r\n"
                + "<b>Sent:</b> \(RowTime.quotedSentDate(seconds: quote.sentAt))<br>\r\n"
                + "<b>To:</b> \(escape(quote.recipients.map(\.name).joined(separator: "; ")))<br>\r\n"
                + "<b>Subject:</b> \(escape(quote.subject))</font>\r\n<div>&nbsp;</div>\r\n</div>\r\n"
                + "<div>\r\n<p>\(escape(quote.snippet))</p>\r\n</div>\r\n"
        }
        return out + "</body>\r\n</html>\r\n"
    }

    private func escape(_ text: String) -> String { MessageV1Body.escape(text) }

    /// `text` with `&`, `<`, `>` and `"` as HTML entities.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// The `internetMessageHeaders` of a received message: `[{name, value}]` in transport order.
enum MessageV1Headers {
    struct Input {
        let senderServer: String
        let recipientServer: String
        let forest: String
        let sentAt: Int64
        let receivedAt: Int64
        let sender: MailParty
        let to: [MailParty]
        let cc: [MailParty]
        let subject: String
        let threadTopic: String
        let threadIndex: String
        let internetMessageId: String
        let inReplyTo: String?
        let hasAttachments: Bool
        let external: Bool
    }

    static func make(_ input: Input, _ random: inout DeterministicRandom) -> JSONValue {
        func address() -> String {
            "2001:db8:\(String(random.int(in: 0x100...0xfff), radix: 16)):\(String(random.int(in: 0x10...0xff), radix: 16))::\(String(random.int(in: 0x10...0x3f), radix: 16))"
        }
        let received = "from \(input.senderServer).\(input.forest).prod.outlook.com (\(address())) by "
            + "\(input.recipientServer).\(input.forest).prod.outlook.com (\(address())) with Microsoft SMTP Server "
            + "(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8398.12; "
            + RowTime.mailHeaderDate(seconds: input.receivedAt)
        var headers: [(String, String)] = [
            ("Received", received),
            ("Content-Type", "application/ms-tnef; name=\"winmail.dat\""),
            ("Content-Transfer-Encoding", "binary"),
            ("From", input.sender.headerText),
            ("To", input.to.map(\.headerText).joined(separator: ", ")),
        ]
        if !input.cc.isEmpty { headers.append(("CC", input.cc.map(\.headerText).joined(separator: ", "))) }
        headers += [
            ("Subject", input.subject),
            ("Thread-Topic", input.threadTopic),
            ("Thread-Index", input.threadIndex),
            ("Date", RowTime.mailHeaderDate(seconds: input.sentAt)),
            ("Message-ID", input.internetMessageId),
        ]
        if let inReplyTo = input.inReplyTo { headers += [("References", inReplyTo), ("In-Reply-To", inReplyTo)] }
        headers += [
            ("Accept-Language", "en-US"),
            ("Content-Language", "en-US"),
            ("X-MS-Has-Attach", input.hasAttachments ? "yes" : ""),
            ("X-MS-Exchange-Organization-SCL", input.external ? "1" : "-1"),
            ("X-MS-TNEF-Correlator", ""),
            ("MIME-Version", "1.0"),
        ]
        return .array(headers.map { .object([("name", .string($0.0)), ("value", .string($0.1))]) })
    }
}
