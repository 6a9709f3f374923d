// Domain logic: see issue 5.
