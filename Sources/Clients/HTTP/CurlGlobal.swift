// libcurl's process-wide initialisation, done exactly once before the first easy handle.

import CCurl

/// Runs `curl_global_init` once per process.
enum CurlGlobal {
    /// Touch to make sure libcurl is initialised; Swift runs a static initialiser exactly once.
    static let initialised: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
}
