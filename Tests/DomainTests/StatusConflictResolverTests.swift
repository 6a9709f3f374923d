import Domain
import Foundation
import Testing

@Suite struct StatusConflictResolverTests {
    let earlier = Timeline.now.addingTimeInterval(-60)
    let later = Timeline.now

    @Test func tiktokCancellationWinsEvenWhenOlder() {
        let resolution = StatusConflictResolver.resolve(
            local: StatusSnapshot(state: .reserved, updatedAt: later),
            tiktok: StatusSnapshot(state: .cancelled, updatedAt: earlier))
        #expect(
            resolution
                == StatusResolution(
                    state: .cancelled, winner: .tiktok, rule: .tiktokCancellation, isLegalFromLocal: true))
    }

    @Test func tiktokRefundWins() {
        let resolution = StatusConflictResolver.resolve(
            local: StatusSnapshot(state: .delivered, updatedAt: later),
            tiktok: StatusSnapshot(state: .refunded, updatedAt: earlier))
        #expect(resolution.state == .refunded)
        #expect(resolution.winner == .tiktok)
        #expect(resolution.isLegalFromLocal)
    }

    @Test func cancellationAfterShippingIsFlaggedNotForced() {
        let resolution = StatusConflictResolver.resolve(
            local: StatusSnapshot(state: .shipped, updatedAt: earlier),
            tiktok: StatusSnapshot(state: .cancelled, updatedAt: later))
        #expect(resolution.state == .cancelled)
        #expect(resolution.winner == .tiktok)
        #expect(!resolution.isLegalFromLocal)
    }

    @Test func creatorFlowKeepsFulfilmentStatesAgainstNewerTikTokEcho() {
        for local in [OrderState.reserved, .backordered, .labelled, .shipped, .delivered] {
            let resolution = StatusConflictResolver.resolve(
                local: StatusSnapshot(state: local, updatedAt: earlier),
                tiktok: StatusSnapshot(state: .classified, updatedAt: later))
            #expect(
                resolution
                    == StatusResolution(
                        state: local, winner: .creatorFlow, rule: .creatorFlowFulfilment, isLegalFromLocal: true))
        }
    }

    @Test func cancelledOrderNeverComesBack() {
        let resolution = StatusConflictResolver.resolve(
            local: StatusSnapshot(state: .cancelled, updatedAt: earlier),
            tiktok: StatusSnapshot(state: .classified, updatedAt: later))
        #expect(resolution.state == .cancelled)
        #expect(resolution.winner == .creatorFlow)
        #expect(resolution.rule == .terminalLocal)
    }

    @Test func otherwiseTheLaterUpdateWins() {
        let newerRemote = StatusConflictResolver.resolve(
            local: StatusSnapshot(state: .awaiting, updatedAt: earlier),
            tiktok: StatusSnapshot(state: .classified, updatedAt: later))
        #expect(
            newerRemote
                == StatusResolution(state: .classified, winner: .tiktok, rule: .latestUpdate, isLegalFromLocal: true))

        let staleRemote = StatusConflictResolver.resolve(
            local: StatusSnapshot(state: .classified, updatedAt: later),
            tiktok: StatusSnapshot(state: .awaiting, updatedAt: earlier))
        #expect(
            staleRemote
                == StatusResolution(
                    state: .classified, winner: .creatorFlow, rule: .latestUpdate, isLegalFromLocal: true))
    }

    @Test func tieKeepsCreatorFlow() {
        let resolution = StatusConflictResolver.resolve(
            local: StatusSnapshot(state: .received, updatedAt: later),
            tiktok: StatusSnapshot(state: .awaiting, updatedAt: later))
        #expect(resolution.state == .received)
        #expect(resolution.winner == .creatorFlow)
        #expect(resolution.rule == .latestUpdate)
    }
}
