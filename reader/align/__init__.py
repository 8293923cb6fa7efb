"""Document relations and paragraph alignment."""
