// A webhook body the receiver cannot accept (answered 400); the message names the field.

/// Why a signed webhook body is unusable, e.g. "missing required field 'shop_id'".
public struct WebhookPayloadError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
