@testable import CockpitCore
import Foundation
import Testing

@Suite struct SecurityTests {
    @Test func passwordsAreArgon2idAndVerifyOnlyThemselves() throws {
        let hash = try PasswordHasher.hash("correct horse battery")
        #expect(hash.hasPrefix("$argon2id$"))
        #expect(!hash.contains("correct"))
        #expect(PasswordHasher.verify("correct horse battery", hash: hash))
        #expect(!PasswordHasher.verify("correct horse batter", hash: hash))
        #expect(!PasswordHasher.verify("anything", hash: "plaintext"))
        #expect(try PasswordHasher.hash("correct horse battery") != hash)
        #expect(throws: CockpitError.self) { try PasswordHasher.hash("short") }
    }

    @Test func importedBcryptHashesVerify() {
        // Made with libxcrypt: crypt("correct horse", "$2b$10$abcdefghijklmnopqrstuv").
        let hash = "$2b$10$abcdefghijklmnopqrstuu23JPZtHcGhwXSF41f93o/7vBdDut3Xu"
        #expect(PasswordHasher.verify("correct horse", hash: hash))
        #expect(!PasswordHasher.verify("correct horsE", hash: hash))
        #expect(!PasswordHasher.verify("correct horse", hash: "$2b$10$broken"))
    }

    @Test func secretBoxSealsOpensAndRefusesTamperingOrAnotherKey() throws {
        let box = try SecretBox(secret: "salt-key-1")
        let sealed = try box.seal("sk-provider-secret")
        #expect(sealed.hasPrefix("enc:v2:\(box.keyID):") && box.keyID.count == 12)
        #expect(SecretBox.keyID(of: sealed) == box.keyID)
        #expect(try SecretBox(secret: "salt-key-2").keyID != box.keyID)
        #expect(!sealed.contains("provider") && !sealed.contains("salt-key"))
        #expect(try box.open(sealed) == "sk-provider-secret")
        #expect(try box.seal("sk-provider-secret") != sealed)
        #expect(throws: CockpitError.self) { try SecretBox(secret: "salt-key-2").open(sealed) }
        let prefix = "enc:v2:\(box.keyID):"
        var raw = try #require(Data(base64Encoded: String(sealed.dropFirst(prefix.count))))
        // Text sealed before key ids (`enc:v1:`) still opens.
        #expect(try box.open("enc:v1:" + raw.base64EncodedString()) == "sk-provider-secret")
        raw[raw.count / 2] ^= 0x01
        #expect(throws: CockpitError.self) { try box.open(prefix + raw.base64EncodedString()) }
        #expect(throws: CockpitError.self) { try SecretBox(secret: "") }
    }

    @Test func virtualKeysAreLongRandomAndStoredAsSHA256() {
        let key = KeyGenerator.newKey()
        #expect(key.hasPrefix("sk-") && key.count >= 3 + 43)
        #expect(KeyGenerator.newKey() != key)
        // LiteLLM's stored form: hex SHA-256 of the whole key.
        #expect(KeyGenerator.hash("sk-1234") == "88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b")
        #expect(SecretBox.mask("sk-abcdefghijklmnop") == "sk-...mnop")
        #expect(SecretBox.mask("short") == "***")
        #expect(KeyGenerator.constantTimeEquals("abc", "abc"))
        #expect(!KeyGenerator.constantTimeEquals("abc", "abd"))
        #expect(!KeyGenerator.constantTimeEquals("abc", "abcd"))
    }
}
