// Turns anything a route throws (the router's own 404 and 405 included) into a JSON error
// answer, so no response of the receiver is ever empty or HTML.

import Hummingbird

/// Renders thrown errors as `{"error": "..."}`; unexpected ones become a logged 500.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            var response = JSONReply.error(error.status, error.body ?? error.status.reasonPhrase).response
            response.headers.append(contentsOf: error.headers)
            return response
        } catch let error as any HTTPResponseError {
            return JSONReply.error(error.status, error.status.reasonPhrase).response
        } catch {
            context.logger.error(
                "request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return JSONReply.error(.internalServerError, "internal error").response
        }
    }
}
