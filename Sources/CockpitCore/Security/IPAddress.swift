import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// An IPv4 or IPv6 address as 16 bytes (IPv4 as `::ffff:a.b.c.d`), parsed from text or read from a socket
/// address, and the ranges of the internal network that tenant-owned upstreams may not reach.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// Sixteen bytes, network order.
    public let bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// `a.b.c.d` or an IPv6 literal (with or without brackets); nil for anything else, host names included.
    public init?(_ text: String) {
        var text = text
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            self.bytes = Self.mapped(withUnsafeBytes(of: &v4) { Array($0) })
        } else if inet_pton(AF_INET6, text, &v6) == 1 {
            self.bytes = withUnsafeBytes(of: &v6) { Array($0) }
        } else {
            return nil
        }
    }

    /// The address of a `sockaddr_in` or `sockaddr_in6`.
    public init?(socketAddress: UnsafeRawPointer, length: Int) {
        let family = socketAddress.load(as: sockaddr.self).sa_family
        if Int32(family) == AF_INET, length >= MemoryLayout<sockaddr_in>.size {
            var a = socketAddress.load(as: sockaddr_in.self).sin_addr
            self.bytes = Self.mapped(withUnsafeBytes(of: &a) { Array($0) })
        } else if Int32(family) == AF_INET6, length >= MemoryLayout<sockaddr_in6>.size {
            var a = socketAddress.load(as: sockaddr_in6.self).sin6_addr
            self.bytes = withUnsafeBytes(of: &a) { Array($0) }
        } else {
            return nil
        }
    }

    private static func mapped(_ v4: [UInt8]) -> [UInt8] { [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] + v4 }

    /// The IPv4 address inside an IPv4-mapped (`::ffff:a.b.c.d`) or NAT64 (`64:ff9b::a.b.c.d`) address.
    public var embeddedIPv4: [UInt8]? {
        let prefix = Array(bytes.prefix(12))
        if prefix == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]
            || prefix == [0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]
        {
            return Array(bytes.suffix(4))
        }
        return nil
    }

    public var description: String {
        if let v4 = embeddedIPv4, bytes[1] == 0 { return v4.map(String.init).joined(separator: ".") }
        var raw = bytes
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        return raw.withUnsafeMutableBytes { inet_ntop(AF_INET6, $0.baseAddress, &text, socklen_t(text.count)) }.map {
            _ in
            String(cString: text)
        } ?? "?"
    }
}

/// A network: an address and a prefix length (IPv4 prefixes count within the mapped form).
public struct IPNetwork: Sendable, Hashable {
    public let base: IPAddress
    public let prefix: Int

    /// `10.0.0.0/8`, `fd00::/8`, or a single address (a /32 or /128).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let address = IPAddress(parts[0]) else { return nil }
        let isV4 = parts[0].contains(".") && !parts[0].contains(":")
        let width = isV4 ? 32 : 128
        guard let bits = parts.count == 2 ? Int(parts[1]) : width, (0...width).contains(bits) else { return nil }
        base = address
        prefix = isV4 ? 96 + bits : bits
    }

    public func contains(_ address: IPAddress) -> Bool {
        var left = prefix
        for i in 0..<16 where left > 0 {
            let take = min(8, left)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - take))
            if address.bytes[i] & mask != base.bytes[i] & mask { return false }
            left -= take
        }
        return true
    }

    /// The ranges a tenant-owned upstream may not reach: this host, private networks, link-local (cloud metadata at
    /// 169.254.169.254), CGNAT, documentation and benchmark ranges, multicast and reserved space, in IPv4 and IPv6.
    public static let internalRanges: [IPNetwork] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
        "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
        "224.0.0.0/4",
        "240.0.0.0/4", "::/128", "::1/128", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10",
        "ff00::/8",
    ].compactMap(IPNetwork.init)
}
