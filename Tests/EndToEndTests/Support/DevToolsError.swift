// What a DevTools session reports when the browser refuses, fails or does not answer.

/// The browser refused, failed or did not answer.
struct DevToolsError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
