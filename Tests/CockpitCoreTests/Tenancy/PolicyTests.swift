@testable import CockpitCore
import Foundation
import Testing

@Suite struct PolicyTests {
    static let account = UUID()

    static func principal(
        _ roles: Set<Role>, domains: Set<ProductDomain> = Set(ProductDomain.allCases),
        account: UUID? = PolicyTests.account
    ) -> Principal {
        Principal(method: .zitadel, name: "p", accountID: account, roles: roles, domains: domains)
    }

    @Test func theRoleMatrix() {
        let superAdmin = Principal.superAdmin(method: .masterKey)
        #expect(Policy.allows(superAdmin, .superAdmin))
        #expect(!Policy.allows(superAdmin, .readTree(.console)))
        #expect(Policy.allows(superAdmin.acting(in: Self.account), .writeTree(.copilot)))

        let accountAdmin = Self.principal([.accountAdmin])
        #expect(!Policy.allows(accountAdmin, .superAdmin))
        for d in ProductDomain.allCases {
            #expect(Policy.allows(accountAdmin, .writeTree(d)) && Policy.allows(accountAdmin, .manageGrants(d)))
        }
        #expect(Policy.allows(accountAdmin, .readAudit))

        let consoleOrg = Self.principal([.consoleOrgAdmin])
        #expect(Policy.allows(consoleOrg, .writeTree(.console)) && Policy.allows(consoleOrg, .manageGrants(.console)))
        #expect(!Policy.allows(consoleOrg, .readTree(.copilot)) && !Policy.allows(consoleOrg, .readAudit))

        let copilotTeam = Self.principal([.copilotTeamAdmin])
        #expect(Policy.allows(copilotTeam, .readTree(.copilot)) && Policy.allows(copilotTeam, .manageMembers(.copilot)))
        #expect(
            !Policy.allows(copilotTeam, .writeTree(.copilot)) && !Policy.allows(copilotTeam, .manageGrants(.copilot)))

        let endUser = Self.principal([.endUser])
        #expect(Policy.allows(endUser, .authenticated))
        #expect(ProductDomain.allCases.allSatisfy { !Policy.allows(endUser, .readTree($0)) })

        // product_domains_allowed narrows even an org admin's reach.
        let limited = Self.principal([.consoleOrgAdmin, .copilotOrgAdmin], domains: [.copilot])
        #expect(!Policy.allows(limited, .writeTree(.console)) && Policy.allows(limited, .writeTree(.copilot)))
        // Without an account no tenant permission holds.
        #expect(!Policy.allows(Self.principal([.consoleOrgAdmin], account: nil), .readTree(.console)))
    }

    @Test func refusalsSayWhatIsMissing() {
        #expect(throws: CockpitError.accountContextRequired) {
            try Policy.check(.superAdmin(method: .masterKey), .readTree(.console))
        }
        #expect(throws: CockpitError.forbidden("this needs super_admin")) {
            try Policy.check(Self.principal([.accountAdmin]), .superAdmin)
        }
    }
}

@Suite struct SessionTokenTests {
    @Test func tokensVerifyUntilTheyExpireAndNeverWhenTampered() throws {
        let tokens = try SessionTokens(secret: "0123456789abcdef-secret", lifetime: 60)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let (token, claims) = tokens.issue(
            sub: "admin@acme.io", accountID: PolicyTests.account, roles: [.accountAdmin], now: now)
        #expect(tokens.verify(token, now: now.addingTimeInterval(59)) == claims)
        #expect(tokens.verify(token, now: now.addingTimeInterval(60)) == nil)
        #expect(try SessionTokens(secret: "another-secret-0123456789").verify(token, now: now) == nil)
        let parts = token.split(separator: ".")
        let forgedPayload = Base64URL.encode(
            Data(#"{"account_id":null,"exp":9999999999,"iat":0,"roles":["super_admin"],"sub":"admin"}"#.utf8))
        #expect(tokens.verify("cks1.\(forgedPayload).\(parts[2])", now: now) == nil)
        #expect(tokens.verify("cks1.e30", now: now) == nil)
        #expect(throws: CockpitError.self) { try SessionTokens(secret: "short") }
    }
}
