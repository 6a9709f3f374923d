// `sleep`: waits `ms` milliseconds in small steps, stopping early when cancelled.

import Foundation
import Jobs

struct SleepHandler: JobHandler {
    func handle(_ payload: SleepJob, context: JobContext) throws {
        let end = Date().addingTimeInterval(Double(payload.ms) / 1000)
        while Date() < end {
            try context.checkCancellation()
            Thread.sleep(forTimeInterval: min(0.01, max(0, end.timeIntervalSinceNow)))
        }
    }
}
