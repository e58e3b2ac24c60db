"""Kafka → ClickHouse: warehouse backends, migrations, the sink and read queries."""
