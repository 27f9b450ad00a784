import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Where tenant-owned model deployments may send requests: public addresses only, plus what the operator allows
/// in `COCKPIT_UPSTREAM_ALLOW` (comma-separated CIDRs, addresses and host names, e.g. `10.0.5.0/24,vllm.internal`).
/// Checked when a model is saved and again by the HTTP client on the address it is about to connect to, so a
/// name that resolves elsewhere later (DNS rebinding) cannot slip past. Deployments from the operator's
/// `config.yaml` and the super-admin's global catalogue are trusted and not checked.
public struct UpstreamAddressPolicy: Sendable, Equatable {
    public let allowedNetworks: [IPNetwork]
    /// Lower-cased host names allowed whatever they resolve to.
    public let allowedHosts: Set<String>

    /// No exceptions: public addresses only.
    public static let publicOnly = UpstreamAddressPolicy(allowedNetworks: [], allowedHosts: [])

    public init(allowedNetworks: [IPNetwork], allowedHosts: Set<String>) {
        self.allowedNetworks = allowedNetworks
        self.allowedHosts = allowedHosts
    }

    /// Reads `COCKPIT_UPSTREAM_ALLOW`; an entry that is neither a network nor a host name is refused, naming it.
    public init(allowList: String?) throws {
        var networks: [IPNetwork] = []
        var hosts: Set<String> = []
        for raw in (allowList ?? "").split(separator: ",") {
            let entry = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if entry.isEmpty { continue }
            if let network = IPNetwork(entry) {
                networks.append(network)
            } else if !entry.contains("/"),
                entry.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") })
            {
                hosts.insert(entry)
            } else {
                throw CockpitError.invalid(
                    field: "COCKPIT_UPSTREAM_ALLOW", reason: "'\(entry)' is neither a CIDR, an address nor a host name")
            }
        }
        self.init(allowedNetworks: networks, allowedHosts: hosts)
    }

    /// True when a tenant-owned upstream may connect to `address`.
    public func allows(_ address: IPAddress) -> Bool {
        let checked =
            address.embeddedIPv4.flatMap { IPAddress(bytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] + $0) }
            ?? address
        if allowedNetworks.contains(where: { $0.contains(checked) || $0.contains(address) }) { return true }
        return !IPNetwork.internalRanges.contains { $0.contains(checked) }
    }

    /// True when `host` (from a URL) is allowed by name, so any address it resolves to may be reached.
    public func allowsHost(_ host: String) -> Bool { allowedHosts.contains(host.lowercased()) }

    /// Checks a tenant's `api_base` when it is saved: http or https, a host, and when the host is an address or
    /// resolves now, only allowed addresses. A name that does not resolve yet is accepted (the connect-time check
    /// still applies). Throws `invalid` naming `field`; `subject` says whose upstreams are refused (the message).
    public func check(url text: String, field: String, subject: String = "account models") throws {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty
        else {
            throw CockpitError.invalid(field: field, reason: "must be an http(s) URL")
        }
        if allowsHost(host) { return }
        let addresses = IPAddress(host).map { [$0] } ?? Self.resolve(host)
        if let refused = addresses.first(where: { !allows($0) }) {
            throw CockpitError.invalid(
                field: field,
                reason: "points at \(refused), an address inside the network, which \(subject) may "
                    + "not reach (an operator can allow it with COCKPIT_UPSTREAM_ALLOW)")
        }
    }

    /// The addresses a host name resolves to now (empty when it does not).
    static func resolve(_ host: String) -> [IPAddress] {
        // One answer per address and socket type: duplicates do not change the verdict.
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var out: [IPAddress] = []
        var next = list
        while let entry = next {
            if let address = entry.pointee.ai_addr,
                let ip = IPAddress(socketAddress: address, length: Int(entry.pointee.ai_addrlen))
            {
                out.append(ip)
            }
            next = entry.pointee.ai_next
        }
        return out
    }
}
