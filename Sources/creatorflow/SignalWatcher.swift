// Turns POSIX signals into callbacks on a private dispatch queue: SIGTSTP/SIGCONT quiet and resume a
// worker. Lifecycle signals (SIGTERM/SIGINT) belong to the ServiceGroup, not here.

import Dispatch
import Foundation

final class SignalWatcher {
    private var sources: [any DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "creatorflow.signals")

    func on(_ signalNumber: Int32, _ handler: @escaping @Sendable () -> Void) {
        signal(signalNumber, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
        source.setEventHandler(handler: handler)
        source.resume()
        sources.append(source)
    }
}
