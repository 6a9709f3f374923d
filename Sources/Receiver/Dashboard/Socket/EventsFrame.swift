// The body of one `events` frame, `{"type":"events","seq":first,"sent":ms,"events":[…]}`, from the
// batches a client's mailbox handed out (`sent`: when the server wrote it, epoch milliseconds).
// Events the client's last snapshot already contains are left out; a batch with none of them is
// copied as it was joined.

import Hummingbird
import Store

/// One `events` frame's text and how many events it numbers.
struct EventsFrame: Equatable {
    var text: ByteBuffer
    var count: Int

    /// The frame numbering its first event `first`, sent at `sentAt` (epoch ms); `nil` when every
    /// event is already in `visible`.
    init?(first: UInt64, sentAt: Int64, batches: [EventBatch], visible: TransactionSnapshot?) {
        var text = ByteBuffer()
        text.reserveCapacity(batches.reduce(64) { $0 + $1.joined.readableBytes + 1 })
        text.writeString(#"{"type":"events","seq":\#(first),"sent":\#(sentAt),"events":["#)
        var count = 0
        for batch in batches {
            if let visible, batch.events.contains(where: { $0.txid.map(visible.includes) ?? false }) {
                for event in batch.events where !(event.txid.map(visible.includes) ?? false) {
                    if count > 0 { text.writeStaticString(",") }
                    text.writeString(event.json)
                    count += 1
                }
            } else {
                if count > 0 { text.writeStaticString(",") }
                var joined = batch.joined
                text.writeBuffer(&joined)
                count += batch.events.count
            }
        }
        guard count > 0 else { return nil }
        text.writeStaticString("]}")
        self.text = text
        self.count = count
    }
}
