// Blocking JSON calls to the sandbox's control routes (tests drive it from worker-like threads).

import Foundation
import Sandbox
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Synchronous HTTP for test set-up.
enum SimHTTP {
    /// `method url` with an optional JSON body; the answer parsed as JSON (null when it is not).
    static func call(_ method: String, _ url: String, body: String? = nil) throws -> SimJSON {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.httpBody = body.map { Data($0.utf8) }
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, _, error in
            box.set(error.map { .failure($0) } ?? .success(data ?? Data()))
            done.signal()
        }.resume()
        done.wait()
        return SimJSON.parse(try box.get()) ?? .null
    }
}

private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Data, any Error> = .success(Data())
    func set(_ value: Result<Data, any Error>) { lock.lock(); result = value; lock.unlock() }
    func get() throws -> Data { lock.lock(); defer { lock.unlock() }; return try result.get() }
}
