"""The local runtime: a managed Apache Kafka broker and the processes of the main job."""
