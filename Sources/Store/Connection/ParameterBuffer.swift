// Lays out bound parameters as the parallel C arrays PQexecParams wants (types, values, lengths,
// formats), with all bytes in one contiguous buffer so a statement costs one allocation.

import CLibPQ

enum ParameterBuffer {
    /// The most parameters one statement may carry (the protocol counts them in 16 bits).
    static let maxCount = 65_535

    /// Calls `body` with C views of `values`; throws before calling it when they cannot be sent.
    static func withArrays<R>(
        _ values: [PostgresValue?],
        statement: String,
        _ body: (
            _ count: Int32, _ types: UnsafePointer<Oid>?, _ values: UnsafePointer<UnsafePointer<CChar>?>?,
            _ lengths: UnsafePointer<Int32>?, _ formats: UnsafePointer<Int32>?
        ) -> R
    ) throws -> R {
        guard values.count <= maxCount else {
            throw PostgresError(
                kind: .invalidUsage, message: "\(values.count) parameters exceed the limit of \(maxCount)",
                statement: statement)
        }
        var storage: [UInt8] = [0]
        var offsets: [Int?] = []
        var types: [Oid] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        storage.reserveCapacity(values.reduce(1) { $0 + ($1?.bytes.count ?? 0) + 1 })
        for (position, value) in values.enumerated() {
            guard let value else {
                offsets.append(nil)
                types.append(0)
                lengths.append(0)
                formats.append(0)
                continue
            }
            if !value.isBinary && value.bytes.contains(0) {
                throw PostgresError(
                    kind: .invalidUsage, message: "parameter $\(position + 1) contains a NUL byte, which text cannot hold",
                    statement: statement)
            }
            offsets.append(storage.count)
            storage.append(contentsOf: value.bytes)
            storage.append(0)
            types.append(value.typeOID)
            lengths.append(Int32(value.bytes.count))
            formats.append(value.isBinary ? 1 : 0)
        }
        return storage.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!)
            let pointers = offsets.map { offset in offset.map { (base + $0).assumingMemoryBound(to: CChar.self) } }
            return body(Int32(values.count), types, pointers, lengths, formats)
        }
    }
}
