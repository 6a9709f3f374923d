import Domain
import Testing

@Suite struct OrderStateMachineTests {
    /// Every legal edge, written out independently of the implementation.
    static let legal: Set<[OrderState]> = [
        [.received, .classified], [.received, .awaiting], [.received, .cancelled],
        [.awaiting, .classified], [.awaiting, .cancelled],
        [.classified, .reserved], [.classified, .backordered], [.classified, .cancelled],
        [.backordered, .reserved], [.backordered, .cancelled],
        [.reserved, .labelled], [.reserved, .cancelled],
        [.labelled, .shipped], [.labelled, .reserved], [.labelled, .cancelled],
        [.shipped, .delivered], [.shipped, .refunded],
        [.delivered, .refunded],
    ]

    @Test func everyPairMatchesTheDocumentedTable() {
        for from in OrderState.allCases {
            for to in OrderState.allCases {
                let expected = from == to || Self.legal.contains([from, to])
                #expect(OrderStateMachine.canTransition(from: from, to: to) == expected, "\(from) → \(to)")
                if expected {
                    #expect(throws: Never.self) { try OrderStateMachine.transition(from: from, to: to) }
                } else {
                    #expect(throws: IllegalTransition(from: from, to: to)) {
                        try OrderStateMachine.transition(from: from, to: to)
                    }
                }
            }
        }
    }

    @Test func happyPathReachesDelivered() throws {
        var state = OrderState.received
        for next in [OrderState.classified, .reserved, .labelled, .shipped, .delivered] {
            state = try OrderStateMachine.transition(from: state, to: next)
        }
        #expect(state == .delivered)
    }

    @Test func backorderedOrderIsReservedWhenStockArrives() throws {
        let backordered = try OrderStateMachine.transition(from: .classified, to: .backordered)
        #expect(try OrderStateMachine.transition(from: backordered, to: .reserved) == .reserved)
    }

    @Test func awaitingOrderIsClassifiedOnStatusChange() throws {
        let waiting = try OrderStateMachine.transition(from: .received, to: .awaiting)
        #expect(try OrderStateMachine.transition(from: waiting, to: .classified) == .classified)
    }

    @Test func voidedLabelGoesBackToReserved() throws {
        #expect(try OrderStateMachine.transition(from: .labelled, to: .reserved) == .reserved)
    }

    @Test func cancellationIsAllowedOnlyBeforeShipping() {
        for state in OrderState.allCases where state != .cancelled {
            #expect(OrderStateMachine.canTransition(from: state, to: .cancelled) == !state.hasShipped, "\(state)")
        }
        #expect(throws: IllegalTransition(from: .shipped, to: .cancelled)) {
            try OrderStateMachine.transition(from: .shipped, to: .cancelled)
        }
    }

    @Test func refundOnlyAfterShipping() {
        #expect(OrderStateMachine.canTransition(from: .shipped, to: .refunded))
        #expect(OrderStateMachine.canTransition(from: .delivered, to: .refunded))
        #expect(!OrderStateMachine.canTransition(from: .labelled, to: .refunded))
    }

    @Test func illegalTransitionNamesBothStates() {
        do {
            _ = try OrderStateMachine.transition(from: .received, to: .shipped)
            Issue.record("expected an IllegalTransition")
        } catch {
            #expect(error.from == .received)
            #expect(error.to == .shipped)
            #expect(error.description == "illegal order transition received → shipped")
        }
    }

    @Test func laterStatesAreNeverOverwrittenByEarlierOnes() {
        #expect(throws: IllegalTransition(from: .delivered, to: .shipped)) {
            try OrderStateMachine.transition(from: .delivered, to: .shipped)
        }
        #expect(throws: IllegalTransition(from: .labelled, to: .classified)) {
            try OrderStateMachine.transition(from: .labelled, to: .classified)
        }
        #expect(throws: IllegalTransition(from: .cancelled, to: .reserved)) {
            try OrderStateMachine.transition(from: .cancelled, to: .reserved)
        }
    }

    @Test func selfTransitionIsIdempotentForEveryState() throws {
        for state in OrderState.allCases {
            #expect(try OrderStateMachine.transition(from: state, to: state) == state)
        }
    }

    @Test func terminalStatesHaveNoExits() {
        #expect(OrderStateMachine.allowedTargets(from: .cancelled).isEmpty)
        #expect(OrderStateMachine.allowedTargets(from: .refunded).isEmpty)
        #expect(OrderState.allCases.filter(\.isTerminal) == [.cancelled, .refunded])
    }

    @Test func rawValuesAreTheStoredNames() {
        #expect(
            OrderState.allCases.map(\.rawValue) == [
                "received", "classified", "awaiting", "reserved", "backordered", "labelled", "shipped", "delivered",
                "cancelled", "refunded",
            ])
        #expect(OrderState(rawValue: "labelled") == .labelled)
        #expect(OrderState(rawValue: "LABELLED") == nil)
    }

    @Test func fulfilmentStatesAreTheOnesCreatorFlowDrives() {
        #expect(
            OrderState.allCases.filter(\.isFulfilment) == [.reserved, .backordered, .labelled, .shipped, .delivered])
    }
}
