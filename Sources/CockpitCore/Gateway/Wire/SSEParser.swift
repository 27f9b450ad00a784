/// An incremental parser of Server-Sent Events (the framing of every provider's streams): bytes go in as they
/// arrive, in pieces of any size; complete events come out. Lines end in LF, CRLF or CR; an empty line ends an
/// event; `data:` lines of one event are joined with LF; comments (`:`) are skipped.
public struct SSEParser: Sendable {
    /// One event.
    public struct Event: Sendable, Equatable {
        /// The `event:` name, empty when absent.
        public var name: String
        public var data: [UInt8]
    }

    /// Events larger than this are refused (a runaway upstream must not grow memory without bound).
    public static let maxEventBytes = 8 << 20
    private var line: [UInt8] = []
    private var name = ""
    private var data: [UInt8] = []
    private var hasData = false
    private var lastWasCR = false

    public init() {}

    /// Feeds bytes; returns the events they complete.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws -> [Event] {
        var events: [Event] = []
        for b in bytes {
            if b == 0x0A, lastWasCR { lastWasCR = false; continue }
            lastWasCR = b == 0x0D
            if b == 0x0A || b == 0x0D {
                if let event = try endLine() { events.append(event) }
            } else {
                line.append(b)
                guard line.count + data.count <= Self.maxEventBytes else {
                    throw GatewayError.upstream(.transport("stream event too large"))
                }
            }
        }
        return events
    }

    /// The event left when the stream ends without a final blank line, if any.
    public mutating func finish() throws -> Event? {
        var event = try line.isEmpty ? nil : endLine()
        if event == nil, hasData { event = try endLine() }
        return event
    }

    private mutating func endLine() throws -> Event? {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty {
            guard hasData || !name.isEmpty else { return nil }
            let event = Event(name: name, data: data)
            name = ""
            data.removeAll(keepingCapacity: true)
            hasData = false
            return event
        }
        if line[0] == 0x3A { return nil }
        let colon = line.firstIndex(of: 0x3A) ?? line.count
        let field = line[0..<colon]
        var valueStart = min(colon + 1, line.count)
        if valueStart < line.count, line[valueStart] == 0x20 { valueStart += 1 }
        let value = line[valueStart...]
        if field.elementsEqual("data".utf8) {
            if hasData { data.append(0x0A) }
            data += value
            hasData = true
        } else if field.elementsEqual("event".utf8) {
            name = String(decoding: value, as: UTF8.self)
        }
        return nil
    }
}

/// SSE output framing for the client side.
public enum SSE {
    /// `data: <payload>\n\n`. A payload of several lines (an upstream chunk with line breaks in its JSON) gets one
    /// `data:` field a line, which the client's parser joins back with LF; sent as one field, every line after the
    /// first would be read as a field of its own and dropped.
    public static func frame(_ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = Array("data: ".utf8)
        out.reserveCapacity(payload.count + 8)
        guard payload.contains(where: { $0 == 0x0A || $0 == 0x0D }) else {
            out += payload
            out += [0x0A, 0x0A]
            return out
        }
        var lastWasCR = false
        for b in payload {
            if b == 0x0A, lastWasCR { lastWasCR = false; continue }
            lastWasCR = b == 0x0D
            if b == 0x0A || b == 0x0D { out += nextLine } else { out.append(b) }
        }
        out += [0x0A, 0x0A]
        return out
    }

    private static let nextLine: [UInt8] = Array("\ndata: ".utf8)

    /// `data: [DONE]\n\n`.
    public static let done: [UInt8] = Array("data: [DONE]\n\n".utf8)
}
