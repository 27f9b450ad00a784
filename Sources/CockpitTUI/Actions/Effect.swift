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
    /// Sends a form to the backend; a refusal reopens it with the core's message.
    case submit(account: UUID?, form: FormState)
    /// Puts text on the clipboard through the terminal (OSC 52).
    case copy(String)
    case loadRecentSpend(account: UUID)
    /// What the details pane shows besides the trees: keys, audit, both trees' model grants and the scopes with a
    /// guardrail preset assigned (each optional: what the identity may not read is left out).
    case loadDetails(account: UUID)
    /// Deletes a tree node (an organization or team with what is under it; a member from its team).
    case delete(account: UUID, domain: ProductDomain, node: NodeID)
    /// Loads what a registered view shows (for `account`, or none in a view that needs none).
    case load(ScreenState, account: UUID?)
    /// Runs a view's confirmed action.
    case perform(String, account: UUID?, ScreenCommand)
    /// Opens the first active account (after the one on screen was deleted).
    case openDefaultAccount
    /// Reloads what is loaded of the account (trees, details, the open view), marking the rows that changed.
    case refresh(account: UUID)
    /// Ends the server session and quits.
    case signOut
    /// Finds a user in the whole tree (email or name prefix) and opens the tree down to them.
    case findUser(account: UUID, domain: ProductDomain, prefix: String)
}
