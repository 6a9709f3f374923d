// A synchronous HTTP client over one libcurl easy handle. The handle is kept between requests so
// its connection cache reuses keep-alive connections; that makes the client single-owner: use it
// from one thread (a worker's), never from Swift's cooperative pool, because `perform` blocks.

import CCurl
import Domain
import Foundation

/// A blocking HTTP/1.1 client with connection reuse, timeouts, TLS verification and classified errors.
public final class HTTPClient {
    public let configuration: HTTPClientConfiguration
    private let handle: UnsafeMutableRawPointer

    /// Creates the easy handle (initialising libcurl on first use).
    public init(configuration: HTTPClientConfiguration = HTTPClientConfiguration()) throws {
        guard CurlGlobal.initialised, let handle = curl_easy_init() else {
            throw HTTPClientError(kind: .transport, isRetryable: false, message: "libcurl could not be initialised")
        }
        self.configuration = configuration
        self.handle = handle
    }

    deinit { curl_easy_cleanup(handle) }

    /// Sends `request` and returns the response whatever its status; throws only for transport
    /// failures (timeouts and resets as retryable, TLS and local errors as permanent).
    public func perform(_ request: HTTPRequest) throws -> HTTPResponse {
        curl_easy_reset(handle)
        let accumulator = ResponseAccumulator()
        let box = Unmanaged.passRetained(accumulator)
        defer { box.release() }
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }

        try configure(request, userdata: box.toOpaque(), headerList: &headerList)
        let code = curl_easy_perform(handle)
        guard code == CURLE_OK else { throw Self.transportError(code) }
        var status = 0
        _ = cf_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: accumulator.headers, body: accumulator.body)
    }

    /// Sends `request` and returns a 2xx response; any other status throws its classified error.
    public func send(_ request: HTTPRequest) throws -> HTTPResponse {
        let response = try perform(request)
        if let error = HTTPClientError.classify(response) { throw error }
        return response
    }

    private func configure(
        _ request: HTTPRequest, userdata: UnsafeMutableRawPointer, headerList: inout UnsafeMutablePointer<curl_slist>?
    ) throws {
        try set(CURLOPT_URL, string: request.url)
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        try set(CURLOPT_FOLLOWLOCATION, 0)
        try set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout))
        try set(CURLOPT_TIMEOUT_MS, Self.milliseconds(request.timeout ?? configuration.totalTimeout))
        try set(CURLOPT_USERAGENT, string: configuration.userAgent)
        if let bundle = configuration.caBundlePath { try set(CURLOPT_CAINFO, string: bundle) }

        switch request.method {
        case .get:
            try set(CURLOPT_HTTPGET, 1)
        case .post:
            try set(CURLOPT_POST, 1)
        case .put, .delete:
            if request.body != nil { try set(CURLOPT_POST, 1) }
            try set(CURLOPT_CUSTOMREQUEST, string: request.method.rawValue)
        }
        if request.method != .get {
            let body = request.body ?? Data()
            try check(cf_curl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
            try body.withUnsafeBytes { raw in
                let empty: [UInt8] = [0]
                try empty.withUnsafeBytes { fallback in
                    try check(cf_curl_setopt_ptr(handle, CURLOPT_COPYPOSTFIELDS, raw.baseAddress ?? fallback.baseAddress))
                }
            }
        }

        for field in request.headers { headerList = curl_slist_append(headerList, "\(field.name): \(field.value)") }
        headerList = curl_slist_append(headerList, "Expect:")
        try check(cf_curl_setopt_ptr(handle, CURLOPT_HTTPHEADER, headerList))

        try check(cf_curl_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, userdata in
            let length = size * count
            guard let data, let userdata else { return length }
            let sink = Unmanaged<ResponseAccumulator>.fromOpaque(userdata).takeUnretainedValue()
            sink.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length)
            return length
        })
        try check(cf_curl_setopt_ptr(handle, CURLOPT_WRITEDATA, userdata))
        try check(cf_curl_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, userdata in
            let length = size * count
            guard let data, let userdata else { return length }
            let sink = Unmanaged<ResponseAccumulator>.fromOpaque(userdata).takeUnretainedValue()
            sink.appendHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
            return length
        })
        try check(cf_curl_setopt_ptr(handle, CURLOPT_HEADERDATA, userdata))
    }

    private func set(_ option: CURLoption, _ value: Int) throws {
        try check(cf_curl_setopt_long(handle, option, value))
    }

    private func set(_ option: CURLoption, string: String) throws {
        try check(string.withCString { cf_curl_setopt_ptr(handle, option, $0) })
    }

    private func check(_ code: CURLcode) throws {
        guard code == CURLE_OK else {
            throw HTTPClientError(kind: .transport, isRetryable: false, message: "curl option rejected: \(Self.text(code))")
        }
    }

    private static func transportError(_ code: CURLcode) -> HTTPClientError {
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return HTTPClientError(kind: .timeout, isRetryable: true, message: text(code))
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING,
            CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return HTTPClientError(kind: .connection, isRetryable: true, message: text(code))
        default:
            return HTTPClientError(kind: .transport, isRetryable: false, message: text(code))
        }
    }

    private static func text(_ code: CURLcode) -> String {
        "curl error \(code.rawValue): " + String(cString: curl_easy_strerror(code))
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        max(1, Int(duration.inMilliseconds))
    }
}
