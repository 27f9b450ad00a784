import Foundation
import JWTKit

/// The issuer's signing keys: discovery, then the JWKS, cached for a TTL. An unknown `kid` triggers one refetch,
/// at most once per cooldown, so a flood of tokens with made-up key ids cannot hammer the issuer.
actor JWKSCache {
    /// Algorithms a key may carry; `none` and HMAC never.
    static let allowed: Set<String> = ["RS256", "RS384", "RS512", "ES256", "ES384", "EdDSA"]

    private let http: CurlHTTPClient
    private let settings: ZitadelSettings
    private let cooldown: TimeInterval
    private var keys = JWTKeyCollection()
    private var algorithms: [String: String] = [:]
    private var fetchedAt: Date?
    private var lastRefetch: Date?

    init(http: CurlHTTPClient, settings: ZitadelSettings, cooldown: TimeInterval = 10) {
        self.http = http
        self.settings = settings
        self.cooldown = cooldown
    }

    /// The key collection and the algorithm of key `kid`; nil when the issuer does not publish that key.
    func key(_ kid: String, now: Date = Date()) async throws -> (JWTKeyCollection, String)? {
        if let fetched = fetchedAt, now.timeIntervalSince(fetched) > settings.jwksCacheSeconds {
            // Keys already known keep working while the issuer is unreachable; a new attempt follows in 30 s.
            do { try await refresh(now) } catch { fetchedAt = now.addingTimeInterval(30 - settings.jwksCacheSeconds) }
        } else if fetchedAt == nil {
            try await refresh(now)
        }
        if algorithms[kid] == nil, lastRefetch.map({ now.timeIntervalSince($0) >= cooldown }) ?? true {
            lastRefetch = now
            try await refresh(now)
        }
        return algorithms[kid].map { (keys, $0) }
    }

    /// How many usable keys the issuer publishes now (fetching them when none are cached yet).
    func publishedKeys(now: Date = Date()) async throws -> Int {
        if fetchedAt == nil { try await refresh(now) }
        return algorithms.count
    }

    private func refresh(_ now: Date) async throws {
        let uri: String
        if let configured = settings.jwksURI {
            uri = configured
        } else {
            let discovery = try await get("\(settings.issuer)/.well-known/openid-configuration")
            guard let found = discovery["jwks_uri"]?.stringValue else {
                throw CockpitError.unavailable("Zitadel discovery has no jwks_uri")
            }
            uri = found
        }
        let document = try await get(uri)
        var published: [JSONValue] = []
        var algs: [String: String] = [:]
        for var key in document["keys"]?.arrayValue ?? [] {
            guard var members = key.objectValue, let kid = members["kid"]?.stringValue,
                let alg = Self.algorithm(of: key),
                Self.allowed.contains(alg)
            else { continue }
            members["alg"] = .string(alg)
            key = .object(members)
            published.append(key)
            algs[kid] = alg
        }
        let collection = JWTKeyCollection()
        try await collection.add(jwksJSON: JSONValue.object(["keys": .array(published)]).encodedString)
        keys = collection
        algorithms = algs
        fetchedAt = now
    }

    /// A key's algorithm: its `alg`, or the usual one for its type when it names none.
    static func algorithm(of key: JSONValue) -> String? {
        if let alg = key["alg"]?.stringValue { return alg }
        switch (key["kty"]?.stringValue, key["crv"]?.stringValue) {
        case ("RSA", _): return "RS256"
        case ("EC", "P-256"): return "ES256"
        case ("EC", "P-384"): return "ES384"
        case ("OKP", "Ed25519"): return "EdDSA"
        default: return nil
        }
    }

    private func get(_ url: String) async throws -> JSONValue {
        let response: HTTPClientResponse
        var request = HTTPClientRequest(url: url, timeout: 10)
        request.maxResponseBytes = Self.maxDocumentBytes
        do { response = try await http.send(request) } catch {
            throw CockpitError.unavailable("Zitadel keys could not be fetched: \(error)")
        }
        guard response.status == 200 else {
            throw CockpitError.unavailable("Zitadel answered \(response.status) for \(url)")
        }
        return try JSONValue.parse(response.text)
    }

    /// The largest discovery or JWKS document read (a key set is a few KiB; 1 MiB leaves room for rotation).
    static let maxDocumentBytes = 1 << 20
}
