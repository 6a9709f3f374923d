// Sandbox: see issue 4.
