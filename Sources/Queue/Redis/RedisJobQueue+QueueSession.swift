// The Redis queue is the production QueueSession: every requirement is one of its methods.

extension RedisJobQueue: QueueSession {}
