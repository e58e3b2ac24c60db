"""The consumer kit: what every Kafka reader in tahub does the same way.

- ``client``: building a consumer (read_committed, manual commits, from the earliest
  offset) and deciding what a consumer error means (fatal: stop; else log and skip).
- ``guarded``: raw value → record, or the DeadLetter that says why not, under a
  ``DlqLimit`` that stops a reader whose input is mostly bad (a bad deploy).
- ``checkpoint``: one order for making progress durable: save state, flush the
  producer, commit the offsets; a step that fails stops the steps after it.
- ``lograte``: a storm of one client error (every retry while Kafka is down) becomes one
  log line per condition with a count.

Readers: the warehouse sink, the alerts router, the subscription book, the worker's
intake stage and detection's repartition and count stages (``streams/detect``).
"""
