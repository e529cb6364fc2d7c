"""Quality alerts to Directorates: the issue register, digests, an idempotent outbox, delivery."""
