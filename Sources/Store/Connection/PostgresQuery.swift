// Statements together with the decoding of their answers, so a store can hand out a read that the
// caller sends in one round trip with others (`PostgresConnection.fetch`).

/// One or more parameterized statements and how their rows become `Result`.
public struct PostgresQuery<Result> {
    let statements: [PipelinedStatement]
    /// Gets one answer per statement, in order.
    let decode: ([PostgresRows]) throws -> Result

    init(_ sql: String, _ parameters: [PostgresValue?] = [], decode: @escaping (PostgresRows) throws -> Result) {
        statements = [PipelinedStatement(sql: sql, parameters: parameters)]
        self.decode = { try decode($0[0]) }
    }

    init(statements: [PipelinedStatement], decode: @escaping ([PostgresRows]) throws -> Result) {
        self.statements = statements
        self.decode = decode
    }

    /// The same statements with the answer decoded further by `transform`.
    public func map<Next>(_ transform: @escaping (Result) throws -> Next) -> PostgresQuery<Next> {
        let decode = self.decode
        return PostgresQuery<Next>(statements: statements) { try transform(try decode($0)) }
    }

    /// Both queries' statements, answered together.
    public func and<Other>(_ other: PostgresQuery<Other>) -> PostgresQuery<(Result, Other)> {
        let (first, second, split) = (decode, other.decode, statements.count)
        return PostgresQuery<(Result, Other)>(statements: statements + other.statements) { answers in
            (try first(Array(answers[..<split])), try second(Array(answers[split...])))
        }
    }

    /// Every query's statements, answered together, in order.
    public static func all<Element>(_ queries: [PostgresQuery<Element>]) -> PostgresQuery<[Element]>
    where Result == [Element] {
        PostgresQuery<[Element]>(statements: queries.flatMap(\.statements)) { answers in
            var rest = answers[...]
            return try queries.map { query in
                let mine = Array(rest.prefix(query.statements.count))
                rest = rest.dropFirst(query.statements.count)
                return try query.decode(mine)
            }
        }
    }

    /// A query with no statement, answering `value`.
    public static func constant(_ value: Result) -> PostgresQuery<Result> {
        PostgresQuery(statements: []) { _ in value }
    }
}
