"""Repository functions: the only code that reads or writes the database. Each takes
the session of the event (or job) it works for and never commits."""
