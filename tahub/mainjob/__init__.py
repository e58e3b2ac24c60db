"""The main job (`tahub up`): one process that brings every local piece up, runs some of
them itself, supervises the rest as child processes and reports their health.

- `supervisor.MainJob`: the order things come up in, readiness, the watch loop (restarts,
  retention) and the order they stop in; the health of the whole job (`/health`).
- `children.Child`: one supervised subprocess (stream worker, alerts, news), restarted
  with backoff.
- The services it runs in its own process, each with `start()` and `stop()`:
  `broker_service` (the local Kafka broker), `warehouse_service` (the warehouse, owned
  here because chDB allows one process per path), `sink_service` (the Kafka → warehouse
  sink on a thread), `subscriptions_service` (the subscription book on a thread) and
  `http_service` (health, metrics, the query API and the partner API).
"""
