// The sales counts PostgreSQL aggregates for the viral detector match the detector's own counting
// of the same unit dates, at the windows' edges too, and leave cancelled orders out.

import Domain
import Foundation
import Fulfilment
import Store
import Testing

@Suite struct DemandCountTests {
    @Test func postgresCountsTheDetectorsWindowsExactly() async throws {
        try await PipelineFixture.with { pipeline in
            let now = Date(timeIntervalSince1970: 1_790_000_000)
            let windows = ViralDetector().windows(endingAt: now)
            let dates = [
                now, now.addingTimeInterval(-1), windows.recentStart.addingTimeInterval(1), windows.recentStart,
                windows.previousStart.addingTimeInterval(1), windows.previousStart, windows.baselineStart.addingTimeInterval(1),
                windows.baselineStart, windows.baselineStart.addingTimeInterval(-60), now.addingTimeInterval(1),
            ]
            try pipeline.recordSales("sku-w", at: dates)
            try pipeline.recordSales("sku-other", at: [now])
            let counted = try pipeline.withConnection { try DemandStore(connection: $0).unitsSold(skuId: "sku-w", in: windows) }
            #expect(counted == windows.count(dates))
            #expect(counted == WindowedUnits(recent: 3, previous: 2, baseline: 4))
        }
    }

    @Test func cancelledOrdersLeaveTheCounts() async throws {
        try await PipelineFixture.with { pipeline in
            let now = Date(timeIntervalSince1970: 1_790_000_000)
            let windows = ViralDetector().windows(endingAt: now)
            try pipeline.recordSales("sku-c", at: [now, now.addingTimeInterval(-60), now.addingTimeInterval(-3 * 3600)])
            let cancelled = try pipeline.count("SELECT id FROM orders WHERE tiktok_order_id = 'history-sku-c-1'")
            let counted = try pipeline.withConnection { db in
                try OrderStore(connection: db).markLinesCancelled(orderId: Int64(cancelled))
                return try DemandStore(connection: db).unitsSold(skuId: "sku-c", in: windows)
            }
            #expect(counted == WindowedUnits(recent: 1, previous: 0, baseline: 1))
        }
    }
}
