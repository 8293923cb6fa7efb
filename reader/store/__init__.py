"""The annotation store: the data model, TinyDB with durable storage, the change journal."""
