// Outbound clients: see issue 4.
