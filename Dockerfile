# One image for every tahub process; docker-compose.yml runs each in a container of its
# own with a different command: `tahub up` (the main job: partner API, console, queries,
# /health, topics, schemas, migrations, operator alerts), `tahub worker`, `tahub sink run`,
# `tahub alerts run`, `tahub news run`. Servers mode only: Kafka, the registry and
# ClickHouse are services of their own, so no Java is needed here.
#
# Two stages: the first builds tahub's wheel with detection's hot modules compiled by
# mypyc (TAHUB_COMPILE=1, `streams/native.py`: ~1.5x the count stage's signals per CPU
# second, `tahub bench count --native`), so the C compiler stays out of the image.
FROM python:3.11-slim AS wheel

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/* \
    && pip install --quiet "setuptools>=77" wheel "mypy>=1.10"
WORKDIR /src
COPY pyproject.toml setup.py README.md LICENSE ./
COPY schemas/ schemas/
COPY producers/ producers/
COPY streams/ streams/
COPY consumers/ consumers/
COPY alerts/ alerts/
COPY tahub/ tahub/
RUN TAHUB_COMPILE=1 pip wheel --quiet --no-build-isolation --no-deps --wheel-dir /wheels .

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

COPY --from=wheel /wheels /wheels
RUN pip install --quiet /wheels/*.whl && rm -rf /wheels \
    && useradd --system --uid 10001 --gid 0 --groups nogroup --home-dir /var/lib/tahub tahub \
    && mkdir -p /var/lib/tahub && chown tahub:0 /var/lib/tahub && chmod 0700 /var/lib/tahub

# (nogroup, 65534: the metrics token's group, as docker-compose.yml's metrics-token makes it)
# the data dir is a volume every tahub container shares: the vault's keys, the id key,
# the alerts and news databases and the outboxes live there
ENV TAHUB_DATA_DIR=/var/lib/tahub
USER tahub
WORKDIR /var/lib/tahub
ENTRYPOINT ["tahub"]
CMD ["up"]
