// Shop videos in the sandbox: the paged Get Shop Videos Performance answer, the analytics scope a
// shop may lack, videos set by the control API, and the views, clicks and units the shop
// simulator adds to each simulated SKU's videos.

import Foundation

extension SandboxState {
    /// One page of Get Shop Videos Performance `data`: videos posted before the window's end,
    /// by window GMV (ties by id), with `next_page_token` and `latest_available_date` (today).
    func videoPerformance(_ query: VideoPerformanceQuery) -> SimJSON {
        let endTime = query.window.upperBound.number * 86_400
        let matching = videoSequence.compactMap { videos[$0] }.filter { video in
            video.postTime < endTime && (query.accountType.map { $0 == video.accountType } ?? true)
        }
        let units = Dictionary(uniqueKeysWithValues: matching.map { ($0.id, $0.totals(in: query.window).unitsSold) })
        let ranked = matching.sorted { (a: SimVideo, b: SimVideo) -> Bool in
            let (left, right) = (units[a.id] ?? 0, units[b.id] ?? 0)
            if left == right { return a.id < b.id }
            return query.ascending ? left < right : left > right
        }
        let end = min(ranked.count, query.offset + query.pageSize)
        let page = query.offset < end ? ranked[query.offset..<end].map { $0.json(in: query.window) } : []
        return [
            "videos": .array(page), "next_page_token": end < ranked.count ? .string(String(end)) : "",
            "latest_available_date": .string(SimDay(now()).text),
        ]
    }

    /// Grants or withdraws `data.shop_analytics.public.read` for the sandbox shop.
    func setAnalyticsScope(granted: Bool) { analyticsScopeGranted = granted }

    /// Creates or updates a video from the control API's `{id?, sku_id? | product_ids?, views,
    /// units_sold?, sku_orders?, click_through_rate?, video_post_time?, date?, account_type?, omit?}`:
    /// the counts replace those of `date` (today by default). Returns the video id, or why not.
    func putVideo(_ input: SimJSON?) -> Result<String, VideoPerformanceQueryError> {
        guard let views = input?["views"]?.double, views >= 0 else { return .failure("views must be a number ≥ 0") }
        let day = input?["date"]?.string.map(SimDay.init) ?? SimDay(now())
        guard let day else { return .failure("date must be YYYY-MM-DD") }
        let productIds =
            input?["product_ids"]?.array?.compactMap(\.string) ?? input?["sku_id"]?.string.map { ["product-\($0)"] } ?? []
        let id = input?["id"]?.string ?? nextNumericId()
        var video =
            videos[id]
            ?? SimVideo(
                id: id, title: "Sandbox video \(id)", username: "creator_\(id.suffix(4))",
                accountType: input?["account_type"]?.string ?? "AFFILIATES", products: [],
                postTime: input?["video_post_time"]?.int ?? unixNow - 3600, baseClickThroughRate: 0.03)
        if input?["product_ids"] != nil || input?["sku_id"] != nil {
            video.products = productIds.map { ($0, "Sandbox product \($0)") }
        }
        video.days[day] = SimVideoDay(
            views: views, clicks: views * (input?["click_through_rate"]?.double ?? video.baseClickThroughRate),
            unitsSold: input?["units_sold"]?.int ?? 0, skuOrders: input?["sku_orders"]?.int ?? 0)
        video.omitted = Set(input?["omit"]?.array?.compactMap(\.string) ?? [])
        if videos[id] == nil { videoSequence.append(id) }
        videos[id] = video
        return .success(id)
    }

    /// The control view of the videos (all-time totals), those tagging `product-<skuId>` when given.
    func videoSummary(skuId: String?) -> SimJSON {
        let everything = SimDay(number: Int64.min)..<SimDay(number: Int64.max)
        let listed = videoSequence.compactMap { videos[$0] }.filter { video in
            skuId.map { sku in video.products.contains { $0.id == "product-\(sku)" } } ?? true
        }
        return ["videos": .array(listed.map { $0.json(in: everything) })]
    }

    /// Gives each simulated SKU two videos (posted a day and six hours ago) unless it has some.
    func ensureSimulatedVideos(skuIds: [String]) {
        for skuId in skuIds where simulatedVideos[skuId, default: []].isEmpty {
            for (index, age) in [86_400, 21_600].enumerated() {
                let id = nextNumericId()
                videos[id] = SimVideo(
                    id: id, title: "\(skuId) video \(index + 1)", username: "creator_\(skuId)_\(index + 1)",
                    accountType: index == 0 ? "LINKED_ACCOUNTS" : "AFFILIATES",
                    products: [("product-\(skuId)", "Sandbox product \(skuId)")], postTime: unixNow - Int64(age),
                    baseClickThroughRate: index == 0 ? 0.02 : 0.04)
                videoSequence.append(id)
                simulatedVideos[skuId, default: []].append(id)
            }
        }
    }

    /// Adds a simulator step's views (split evenly over the SKU's videos) and orders (one unit
    /// each, to the video with the fewest units today) to today's counts.
    func addSimulatedContent(_ step: SimulationRun.Step) {
        let today = SimDay(now())
        for (skuId, flow) in step.views {
            let ids = simulatedVideos[skuId] ?? []
            for id in ids {
                guard var video = videos[id] else { continue }
                video.days[today, default: SimVideoDay()].views += flow.views / Double(ids.count)
                video.days[today, default: SimVideoDay()].clicks +=
                    flow.clickWeightedViews / Double(ids.count) * video.baseClickThroughRate
                videos[id] = video
            }
        }
        for (skuId, count) in step.orders {
            let ids = simulatedVideos[skuId] ?? []
            guard !ids.isEmpty else { continue }
            for _ in 0..<count {
                let units = { (id: String) in self.videos[id]?.days[today]?.unitsSold ?? 0 }
                guard let id = ids.min(by: { units($0) < units($1) }) else { continue }
                videos[id]?.days[today, default: SimVideoDay()].unitsSold += 1
                videos[id]?.days[today, default: SimVideoDay()].skuOrders += 1
            }
        }
    }
}
