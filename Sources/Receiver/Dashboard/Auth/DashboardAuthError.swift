// Why a request to the dashboard was refused; every case is a 401 (or close code 4401) except
// `forbidden` (403 / 4403).

/// A refused dashboard credential or action.
public enum DashboardAuthError: Error, Equatable, CustomStringConvertible {
    case missing
    case expired
    case invalid
    case forbidden(String)

    public var description: String {
        switch self {
        case .missing: "no dashboard token: open the link `creatorflow dashboard token` printed"
        case .expired: "the dashboard token has expired: mint a new one with `creatorflow dashboard token`"
        case .invalid: "the dashboard token is not valid (bad signature or malformed)"
        case .forbidden(let why): why
        }
    }
}
