// Fleet-wide locks (the relay's, retention's) belong to the process that took them: a process
// whose work overran the lock's lifetime can neither release nor renew another process's lock.

import Foundation
import Queue
import Testing
import TestSupport

@Suite struct GlobalLockTests {
    @Test func anExpiredHolderCannotReleaseOrRenewTheNextHoldersLock() throws {
        let redis = try TestRedis()
        let first = try redis.session(pid: "worker-a:1")
        let second = try redis.session(pid: "worker-b:2")
        #expect(try first.tryGlobalLock("relay", seconds: 0.2))
        #expect(try !second.tryGlobalLock("relay", seconds: 60), "held by the first")
        #expect(try first.renewGlobalLock("relay", seconds: 0.2), "the holder renews")
        Thread.sleep(forTimeInterval: 0.35)
        #expect(try second.tryGlobalLock("relay", seconds: 60), "expired: the second takes it")
        try first.releaseGlobalLock("relay")
        #expect(try !first.renewGlobalLock("relay", seconds: 60), "the first no longer holds it")
        #expect(try !first.tryGlobalLock("relay", seconds: 60), "its release did not delete the second's lock")
        #expect(try second.renewGlobalLock("relay", seconds: 60))
        try second.releaseGlobalLock("relay")
        #expect(try first.tryGlobalLock("relay", seconds: 60))
    }
}
