"""One package per AWS service, each with the same rooms: shapes, models, client, control."""
