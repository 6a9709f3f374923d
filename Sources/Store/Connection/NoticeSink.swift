// Receives the server's NOTICE and WARNING messages for one connection, so libpq does not print
// them to stderr; they go to the connection's logger at debug level.

import CLibPQ
import Foundation
import Logging

final class NoticeSink {
    private let logger: Logger

    init(logger: Logger) { self.logger = logger }

    /// Routes `connection`'s notices to this sink, which must outlive the connection handle.
    func install(on connection: OpaquePointer) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        PQsetNoticeProcessor(
            connection,
            { context, message in
                guard let context, let message else { return }
                Unmanaged<NoticeSink>.fromOpaque(context).takeUnretainedValue().receive(String(cString: message))
            },
            context)
    }

    private func receive(_ message: String) {
        logger.debug("postgres notice", metadata: ["notice": "\(message.trimmingCharacters(in: .newlines))"])
    }
}
