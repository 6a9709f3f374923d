@main struct SandboxMain { static func main() { print("creatorflow-sandbox: not built yet") } }
