"""Producers: partner submissions and news intelligence, writing contract records to Kafka."""
