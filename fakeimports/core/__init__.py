"""The shared core: clock, errors, shapes, pagination, lifecycle and the service base."""
