// One blocking hiredis connection. Owned by a single thread: it is deliberately not Sendable.
// Reconnects lazily after an I/O error; scripts are loaded by SHA and re-sent on NOSCRIPT.

import CHiredis
import Foundation

/// A synchronous Redis connection for one thread (hiredis 0.14, argv commands only).
public final class RedisConnection {
    public let url: RedisURL
    private let socketTimeout: Duration
    private var context: UnsafeMutablePointer<redisContext>?

    /// Opens a connection; `socketTimeout` bounds every read, so it must exceed any blocking wait.
    public init(url: RedisURL, socketTimeout: Duration = .seconds(5)) throws {
        self.url = url
        self.socketTimeout = socketTimeout
        try connect()
    }

    /// One script invocation inside a pipeline.
    public struct ScriptCall {
        public var script: RedisScript
        public var keys: [String]
        public var args: [String]
        public init(_ script: RedisScript, keys: [String], args: [String]) {
            self.script = script
            self.keys = keys
            self.args = args
        }
    }

    deinit { if let context { redisFree(context) } }

    private func connect() throws {
        if let context { redisFree(context) }
        context = nil
        let tv = Self.timeval(socketTimeout)
        guard let ctx = redisConnectWithTimeout(url.host, Int32(url.port), Self.timeval(.seconds(2))) else {
            throw RedisError.connection("cannot allocate a context")
        }
        if ctx.pointee.err != 0 {
            let message = Self.errorText(ctx)
            redisFree(ctx)
            throw RedisError.connection("\(url): \(message)")
        }
        _ = redisSetTimeout(ctx, tv)
        context = ctx
        if let password = url.password { _ = try rawCommand(["AUTH", password], name: "AUTH") }
        if url.database != 0 { _ = try rawCommand(["SELECT", String(url.database)], name: "SELECT") }
    }

    /// Runs one command; Redis error replies are thrown as `RedisError.server`.
    @discardableResult
    public func command(_ args: [String]) throws -> RedisReply {
        if context == nil { try connect() }
        do {
            return try rawCommand(args, name: args.first ?? "")
        } catch RedisError.connection {
            try connect()
            return try rawCommand(args, name: args.first ?? "")
        }
    }

    /// Sends many commands in one round trip; returns one reply per command (errors as `.error`).
    public func pipeline(_ commands: [[String]]) throws -> [RedisReply] {
        if commands.isEmpty { return [] }
        if context == nil { try connect() }
        do {
            return try rawPipeline(commands)
        } catch RedisError.connection {
            try connect()
            return try rawPipeline(commands)
        }
    }

    /// Runs a Lua script by SHA, loading it when this connection or Redis does not know it yet.
    public func eval(_ script: RedisScript, keys: [String], args: [String]) throws -> RedisReply {
        let sha = try loadedSHA(script)
        do {
            return try command(["EVALSHA", sha, String(keys.count)] + keys + args)
        } catch RedisError.server(_, let message) where message.hasPrefix("NOSCRIPT") {
            shas[script.name] = nil
            return try command(["EVALSHA", try loadedSHA(script), String(keys.count)] + keys + args)
        }
    }

    /// Runs many script calls in one round trip, reloading any script Redis forgot.
    public func evalPipeline(_ calls: [ScriptCall]) throws -> [RedisReply] {
        var commands: [[String]] = []
        commands.reserveCapacity(calls.count)
        for call in calls {
            commands.append(["EVALSHA", try loadedSHA(call.script), String(call.keys.count)] + call.keys + call.args)
        }
        var replies = try pipeline(commands)
        for (index, reply) in replies.enumerated() {
            if case .error(let message) = reply {
                if message.hasPrefix("NOSCRIPT") {
                    let call = calls[index]
                    shas[call.script.name] = nil
                    replies[index] = try eval(call.script, keys: call.keys, args: call.args)
                }
            }
        }
        return replies
    }

    private var shas: [String: String] = [:]

    private func loadedSHA(_ script: RedisScript) throws -> String {
        if let sha = shas[script.name] { return sha }
        guard let sha = try command(["SCRIPT", "LOAD", script.source]).string else {
            throw RedisError.protocolViolation("SCRIPT LOAD returned no SHA for \(script.name)")
        }
        shas[script.name] = sha
        return sha
    }

    private func rawCommand(_ args: [String], name: String) throws -> RedisReply {
        guard let ctx = context else { throw RedisError.connection("not connected") }
        let reply = withArgv(args) { argc, argv, lens in
            redisCommandArgv(ctx, argc, argv, lens)
        }
        guard let reply else {
            let message = Self.errorText(ctx)
            redisFree(ctx)
            context = nil
            throw RedisError.connection(message)
        }
        let value = Self.convert(reply.assumingMemoryBound(to: redisReply.self))
        freeReplyObject(reply)
        if case .error(let message) = value { throw RedisError.server(command: name, message: message) }
        return value
    }

    private func rawPipeline(_ commands: [[String]]) throws -> [RedisReply] {
        guard let ctx = context else { throw RedisError.connection("not connected") }
        for args in commands {
            let status = withArgv(args) { argc, argv, lens in
                redisAppendCommandArgv(ctx, argc, argv, lens)
            }
            if status != REDIS_OK { throw RedisError.connection(Self.errorText(ctx)) }
        }
        var replies: [RedisReply] = []
        replies.reserveCapacity(commands.count)
        for _ in commands {
            var raw: UnsafeMutableRawPointer?
            if redisGetReply(ctx, &raw) != REDIS_OK || raw == nil {
                let message = Self.errorText(ctx)
                redisFree(ctx)
                context = nil
                throw RedisError.connection(message)
            }
            replies.append(Self.convert(raw!.assumingMemoryBound(to: redisReply.self)))
            freeReplyObject(raw)
        }
        return replies
    }

    private func withArgv<R>(
        _ args: [String],
        _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> R
    ) -> R {
        var bytes: [CChar] = []
        bytes.reserveCapacity(args.reduce(0) { $0 + $1.utf8.count + 1 })
        var lengths: [Int] = []
        lengths.reserveCapacity(args.count)
        for arg in args {
            lengths.append(arg.utf8.count)
            for byte in arg.utf8 { bytes.append(CChar(bitPattern: byte)) }
            bytes.append(0)
        }
        return bytes.withUnsafeBufferPointer { storage in
            var pointers: [UnsafePointer<CChar>?] = []
            pointers.reserveCapacity(args.count)
            var offset = 0
            for length in lengths {
                pointers.append(storage.baseAddress! + offset)
                offset += length + 1
            }
            return pointers.withUnsafeMutableBufferPointer { argv in
                lengths.withUnsafeBufferPointer { lens in
                    body(Int32(args.count), argv.baseAddress!, lens.baseAddress!)
                }
            }
        }
    }

    private static func convert(_ reply: UnsafeMutablePointer<redisReply>) -> RedisReply {
        let r = reply.pointee
        switch r.type {
        case REDIS_REPLY_STRING:
            return .string(text(r.str, r.len))
        case REDIS_REPLY_STATUS:
            return .status(text(r.str, r.len))
        case REDIS_REPLY_ERROR:
            return .error(text(r.str, r.len))
        case REDIS_REPLY_INTEGER:
            return .integer(Int(r.integer))
        case REDIS_REPLY_ARRAY:
            var items: [RedisReply] = []
            items.reserveCapacity(Int(r.elements))
            for i in 0..<Int(r.elements) {
                if let element = r.element[i] { items.append(convert(element)) }
            }
            return .array(items)
        default:
            return .null
        }
    }

    private static func text(_ pointer: UnsafeMutablePointer<CChar>?, _ length: Int) -> String {
        guard let pointer, length > 0 else { return "" }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    private static func errorText(_ ctx: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: ctx.pointee.errstr) { raw in
            let bytes = raw.prefix { $0 != 0 }
            let message = String(decoding: bytes, as: UTF8.self)
            return message.isEmpty ? "connection lost" : message
        }
    }

    private static func timeval(_ duration: Duration) -> timeval {
        let (seconds, attoseconds) = duration.components
        return CHiredis.timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}
