"""Producers: partner submissions and news intelligence, writing contract records to Kafka."""

import time

# when this process first imported any of producers' modules: a file of the tree changed
# after that may differ from what the process runs (scrubbing.built_store)
IMPORTED_AT_NS = time.time_ns()
