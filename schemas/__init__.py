"""Contracts shared by every tahub component: Avro schemas, models, serde, registries, topics."""
