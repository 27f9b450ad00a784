import CockpitCore
import Foundation

/// Work a key asks for that needs the backend; the app runs it and folds the answer back into the state.
public enum Effect: Equatable, Sendable {
    case loadAccounts
    case loadOrganizations(account: UUID, domain: ProductDomain)
    case loadTeams(account: UUID, domain: ProductDomain, org: UUID)
    case loadMembers(account: UUID, domain: ProductDomain, team: UUID)
    /// Loads the next page of a level and adds it to what is loaded.
    case loadMore(account: UUID, domain: ProductDomain, level: TreeLevel)
    case loadKeys(account: UUID)
    /// Sends a form to the backend; a refusal reopens it with the core's message.
    case submit(account: UUID, form: FormState)
    case revokeKey(account: UUID, id: UUID)
    /// Puts text on the clipboard through the terminal (OSC 52).
    case copy(String)
    case loadSpend(account: UUID, days: Int)
    case loadRecentSpend(account: UUID)
    case loadAudit(account: UUID)
    /// What the details pane shows besides the trees: keys, audit and both trees' model grants (each optional: what
    /// the identity may not read is left out).
    case loadDetails(account: UUID)
    case loadModels(account: UUID)
    /// Suspends or restores an account.
    case setAccountStatus(account: UUID, status: AccountStatus)
    /// Deletes a tree node (an organization or team with what is under it; a member from its team).
    case delete(account: UUID, domain: ProductDomain, node: NodeID)
    /// Removes an account and all its data (the name typed to confirm goes to the core, which checks it again).
    case hardDeleteAccount(account: UUID, name: String)
    case deleteModel(account: UUID, id: UUID)
    case loadZitadel(account: UUID)
    case bootstrapZitadel(account: UUID)
    /// Reloads what is loaded of the account (trees, keys, models), marking the rows that changed.
    case refresh(account: UUID)
    /// Ends the server session and quits.
    case signOut
    /// Finds a user in the whole tree (email or name prefix) and opens the tree down to them.
    case findUser(account: UUID, domain: ProductDomain, prefix: String)
}
