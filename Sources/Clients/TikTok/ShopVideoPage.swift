// The pages of Get Shop Videos Performance, read into Domain's `VideoPerformance` (cumulative
// counts over the requested window, the products each video tags). Decoding is lenient: a number may
// arrive as a JSON number or a numeric string; a video without an id or with missing or
// negative views is skipped (a default of 0 would read as a surge at the next poll), other
// missing or invalid fields become nil, missing products an empty list.

import Domain
import Foundation

/// One page of videos.
public struct ShopVideoPage: Sendable, Equatable {
    public var videos: [VideoPerformance]
    /// Videos of the page left out because their id or views were missing or invalid.
    public var skipped: Int
    /// `nil` on the last page.
    public var nextPageToken: String?
    /// The last day TikTok has data for, `YYYY-MM-DD`.
    public var latestAvailableDate: String?
}

/// Every page of a request, up to a page limit.
public struct ShopVideoPoll: Sendable, Equatable {
    public var videos: [VideoPerformance]
    public var skipped: Int
    /// Whether pages were left unread at the page limit.
    public var isTruncated: Bool
    public var latestAvailableDate: String?
}

/// The wire shape, every field optional and leniently typed.
struct ShopVideoPagePayload: Decodable {
    let videos: [LenientVideo]?
    let nextPageToken: String?
    let latestAvailableDate: String?

    private enum CodingKeys: String, CodingKey {
        case videos, nextPageToken = "next_page_token", latestAvailableDate = "latest_available_date"
    }

    var page: ShopVideoPage {
        let read = (videos ?? []).map(\.video)
        return ShopVideoPage(
            videos: read.compactMap { $0 }, skipped: read.filter { $0 == nil }.count,
            nextPageToken: nextPageToken.flatMap { $0.isEmpty ? nil : $0 }, latestAvailableDate: latestAvailableDate)
    }
}

/// One element of `videos`: the video, or `nil` when it cannot be used.
struct LenientVideo: Decodable {
    let video: VideoPerformance?

    private enum Keys: String, CodingKey {
        case id, views, unitsSold = "units_sold", skuOrders = "sku_orders", clickThroughRate = "click_through_rate"
        case videoPostTime = "video_post_time", products
    }

    private struct Product: Decodable { let id: String? }

    init(from decoder: any Decoder) throws {
        guard let fields = try? decoder.container(keyedBy: Keys.self),
            let id = Self.text(fields, .id), !id.isEmpty,
            let views = Self.count(fields, .views)
        else {
            video = nil
            return
        }
        let products = (try? fields.decodeIfPresent([Product?].self, forKey: .products)) ?? nil
        var productIds: [String] = []
        for productId in (products ?? []).compactMap({ $0?.id }) where !productIds.contains(productId) {
            productIds.append(productId)
        }
        let rate = Self.number(fields, .clickThroughRate).flatMap { (0...1).contains($0) ? $0 : nil }
        video = VideoPerformance(
            id: id, views: views, unitsSold: Self.count(fields, .unitsSold), skuOrders: Self.count(fields, .skuOrders),
            clickThroughRate: rate, postedAt: Self.number(fields, .videoPostTime).map { Date(timeIntervalSince1970: $0) },
            productIds: productIds)
    }

    /// A string, or a number written as one.
    private static func text(_ fields: KeyedDecodingContainer<Keys>, _ key: Keys) -> String? {
        if let text = try? fields.decodeIfPresent(String.self, forKey: key) { return text }
        return (try? fields.decodeIfPresent(Int64.self, forKey: key))?.map(String.init)
    }

    /// A finite number, or a string holding one.
    private static func number(_ fields: KeyedDecodingContainer<Keys>, _ key: Keys) -> Double? {
        let value = (try? fields.decodeIfPresent(Double.self, forKey: key)) ?? text(fields, key).flatMap(Double.init)
        return value.flatMap { $0.isFinite ? $0 : nil }
    }

    /// A whole count ≥ 0.
    private static func count(_ fields: KeyedDecodingContainer<Keys>, _ key: Keys) -> Int64? {
        number(fields, key).flatMap { $0 >= 0 && $0 < 9e18 ? Int64($0) : nil }
    }
}
