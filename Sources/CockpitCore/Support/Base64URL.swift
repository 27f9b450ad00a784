import Foundation

/// Unpadded URL-safe base64 (RFC 4648 §5), as JWTs, session tokens, page cursors and key secrets use it.
public enum Base64URL {
    /// The text form of some bytes.
    public static func encode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The bytes of the text form, padded or not; nil when it is not base64url.
    public static func decode(_ text: String) -> Data? {
        var b64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b64.count % 4 != 0 { b64 += "=" }
        return Data(base64Encoded: b64)
    }
}
