// Decides which status wins when TikTok Shop and CreatorFlow disagree about an order (S001
// "Conflict Resolution Strategy"), e.g. on an out-of-order or duplicate webhook.

/// Resolves TikTok's status against CreatorFlow's. Rules, first match wins:
///
/// 1. TikTok says `cancelled` or `refunded` → TikTok (authoritative for payment and cancellation).
/// 2. CreatorFlow is in a fulfilment state (`reserved`, `backordered`, `labelled`, `shipped`,
///    `delivered`) → CreatorFlow. S001 names only SHIPPED/DELIVERED; we widen it to every state
///    CreatorFlow drives, so TikTok's `AWAITING_SHIPMENT` echo (newer than our reservation) never
///    rolls fulfilment back.
/// 3. CreatorFlow is `cancelled` or `refunded` → CreatorFlow (a cancelled order never comes back).
/// 4. Otherwise the later `updatedAt` wins; on a tie CreatorFlow's is kept (S001: `remote > local`).
public enum StatusConflictResolver: Sendable, Equatable {
    /// The state to keep, given CreatorFlow's snapshot and TikTok's (already mapped with
    /// ``TikTokOrderStatus/orderState(isOnHold:)``).
    public static func resolve(local: StatusSnapshot, tiktok: StatusSnapshot) -> StatusResolution {
        if tiktok.state == .cancelled || tiktok.state == .refunded {
            return make(tiktok.state, .tiktok, .tiktokCancellation, local: local.state)
        }
        if local.state.isFulfilment {
            return make(local.state, .creatorFlow, .creatorFlowFulfilment, local: local.state)
        }
        if local.state.isTerminal {
            return make(local.state, .creatorFlow, .terminalLocal, local: local.state)
        }
        if tiktok.updatedAt > local.updatedAt {
            return make(tiktok.state, .tiktok, .latestUpdate, local: local.state)
        }
        return make(local.state, .creatorFlow, .latestUpdate, local: local.state)
    }

    private static func make(
        _ state: OrderState, _ winner: StatusSource, _ rule: ResolutionRule, local: OrderState
    ) -> StatusResolution {
        StatusResolution(
            state: state, winner: winner, rule: rule,
            isLegalFromLocal: OrderStateMachine.canTransition(from: local, to: state))
    }
}
