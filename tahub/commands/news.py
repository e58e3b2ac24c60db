"""`tahub news`: the scraper (run, fetch, status) and the understanding (classify, evaluate)."""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path
from typing import Any, TextIO

import click

from tahub import progress
from tahub.commands.context import settings_of
from tahub.errors import TahubError
from tahub.exitcodes import Exit


@click.group()
def news() -> None:
    """Open-source news: scrape feeds, understand articles, emit signals."""


def _feeds_error(err: Exception) -> TahubError:
    return TahubError(str(err))


@news.command("run")
@click.pass_context
def news_run(ctx: click.Context) -> None:
    """Poll every feed on its schedule until interrupted (the main job starts one)."""
    import asyncio

    from producers.news.feeds import FeedConfigError
    from tahub import metrics_auth, wiring
    from tahub.metrics_server import serve_metrics

    s = settings_of(ctx)
    try:
        service = wiring.news_service(s)
    except FeedConfigError as err:
        raise _feeds_error(err) from None
    serve_metrics(s.news_metrics_port, s.http_host, "news", "TAHUB_NEWS_METRICS_PORT",
                  metrics_auth.metrics_token(s))  # fmt: skip

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await service.run(stop)

    asyncio.run(main())
    service.producer.flush()


@news.command("fetch")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def news_fetch(ctx: click.Context, as_json: bool) -> None:
    """Poll every feed once, now, and report what each gave."""
    import asyncio
    from dataclasses import asdict

    from producers.news.feeds import FeedConfigError
    from tahub import wiring

    try:
        service = wiring.news_service(settings_of(ctx))
    except FeedConfigError as err:
        raise _feeds_error(err) from None
    reports = asyncio.run(service.fetch_once())
    if as_json:
        click.echo(json.dumps([asdict(r) for r in reports], indent=2))
    else:
        for r in reports:
            detail = f" ({r.error})" if r.error else ""
            click.echo(
                f"{r.feed:<40} {r.status:<13} {r.entries:>4} entries, {r.new_articles:>4} new, "
                f"{r.relevant:>3} relevant, {r.signals:>4} signals{detail}"
            )
    sys.exit(Exit.ERROR if reports and all(r.status == "failed" for r in reports) else Exit.OK)


@news.command("status")
@click.pass_context
def news_status(ctx: click.Context) -> None:
    """Each feed's health: failures in a row and the last error."""
    from producers.news.state import NewsState

    state = NewsState(settings_of(ctx).news_db_path)
    rows = state.feed_health()
    for name, failures, error, _ in rows:
        mark = click.style("FAILING", fg="red") if failures else "ok"
        click.echo(f"{mark:<7} {name:<40} {failures} failure(s) in a row  {error or ''}")
    if not rows:
        click.echo("no feed polled yet; `tahub news fetch` polls them now")


def _classify_lines(src: TextIO, out: TextIO) -> int:
    from producers.news.classify import understand

    bad = 0
    for n, line in enumerate(src, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise ValueError("not a JSON object")
            title, text = item.get("title") or "", item.get("text") or ""
            if not isinstance(title, str) or not isinstance(text, str):
                raise ValueError("title and text must be strings")
        except ValueError as err:  # JSONDecodeError is a ValueError
            bad += 1
            out.write(json.dumps({"line": n, "error": str(err)}) + "\n")
            continue
        result: dict[str, Any] = understand(title, text).to_json()
        if "id" in item:
            result = {"id": item["id"], **result}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    return bad


@news.command("classify")
@click.argument("file", type=click.File("r", encoding="utf-8"), default="-")
@click.option("--out", type=click.File("w", encoding="utf-8"), default="-")
def news_classify(file: TextIO, out: TextIO) -> None:
    """Understand JSON Lines of {"title", "text"} (FILE or stdin), one JSON line out per line in.

    Each answer has relevant, typologies, countries, origin, transit, destination, places
    (with coordinates), confidence (in the relevance decision, 0.5-1) and why; an "id" in
    the input is copied. A line that is not a JSON object gets {"line", "error"}.
    """
    bad = _classify_lines(file, out)
    if bad:
        click.echo(f"{bad} line(s) could not be read", err=True)
        sys.exit(Exit.PARTIAL)


@news.command("evaluate")
@click.option("--file", "path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Labelled JSON Lines; default: the set shipped with tahub.")  # fmt: skip
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench-results/news.json"))
@click.option("--show-mistakes", is_flag=True)
@click.option("--blind", is_flag=True,
              help="Every blind batch: its first score (before anyone read it) beside "
                   "today's, and today's pooled score on the batches never tuned on.")  # fmt: skip
def news_evaluate(path: Path | None, out: Path, show_mistakes: bool, blind: bool) -> None:
    """Precision, recall and F1 per label: relevance, typologies, countries, route roles."""
    from producers.news.evaluate import evaluate, labelled_set, read_jsonl
    from tahub.bench import report

    if blind:
        if path or show_mistakes:
            raise TahubError("--blind scores the recorded blind batches: no --file, and no "
                             "--show-mistakes (reading them ends their blindness)")  # fmt: skip
        _evaluate_blind(out)
        return
    try:
        items = list(read_jsonl(path or labelled_set()))
        result = evaluate(progress.counted(items, "evaluating", total=len(items), unit="article"))
    except ValueError as err:
        raise TahubError(str(err)) from None
    r = result["relevance"]
    click.echo(
        f"{result['articles']} articles; relevance accuracy {result['relevance_accuracy']:.3f} "
        f"(P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f})"
    )
    click.echo(f"{'label':<32} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}")
    for f in ("typologies", "countries", "origin", "transit", "destination"):
        m = result[f]["micro"]
        click.echo(f"{f + ' (micro)':<32} {m['precision']:>6.3f} {m['recall']:>6.3f} "
                   f"{m['f1']:>6.3f} {m['support']:>5}")  # fmt: skip
        if f == "typologies":
            for lab, sc in result[f]["per_label"].items():
                click.echo(f"  {lab:<30} {sc['precision']:>6.3f} {sc['recall']:>6.3f} "
                           f"{sc['f1']:>6.3f} {sc['support']:>5}")  # fmt: skip
    if show_mistakes:
        for m in result["mistakes"]:
            click.echo(f"  mistake: {m}")
    report.write(out, "news-evaluate", result)


def _evaluate_blind(out: Path) -> None:
    from producers.news import blind_record as br
    from producers.news.evaluate import evaluate, read_jsonl
    from tahub.bench import report

    record = br.load()
    data = br.data_dir()
    missing = br.unrecorded(record, [p.name for p in data.glob("blind_*.jsonl")])
    if missing:
        raise TahubError(f"blind batches without a recorded first score: {', '.join(missing)} "
                         "(add each to blind_first.json when it is first scored)")  # fmt: skip
    items = {b.file: list(read_jsonl(data / b.file)) for b in record.batches}
    short = {"relevance": "rel", "typologies": "typ", "countries": "ctry", "origin": "orig",
             "transit": "trans", "destination": "dest"}  # fmt: skip
    click.echo("first = scored blind, before anyone read the batch; now = today's rules")
    click.echo(f"{'batch':<15} {'lang':<9} {'tuned on':<9}"
               + "".join(f"{short[m] + ' first→now':>17}" for m in br.MEASURES))  # fmt: skip
    rows = []
    for b in record.batches:
        now = br.f1s(evaluate(items[b.file]))
        rows.append({"file": b.file, "lang": b.lang, "rules": b.rules, "scored": b.scored,
                     "tuned_on": b.tuned_on, "first": b.first, "now": now})  # fmt: skip
        click.echo(f"{b.file:<15} {b.lang:<9} {'yes' if b.tuned_on else 'no':<9}"
                   + "".join(f"{b.first[m]:>11.3f}→{now[m]:.3f}" for m in br.MEASURES))  # fmt: skip
    pooled: dict[str, dict[str, object]] = {}
    for lang in sorted({b.lang for b in record.unseen()}):
        group = [b for b in record.unseen() if b.lang == lang]
        arts = [a for b in group for a in items[b.file]]
        scores = br.f1s(evaluate(arts))
        pooled[lang] = {"batches": [b.file for b in group], "articles": len(arts),
                        "scores": scores}  # fmt: skip
        click.echo(f"never tuned on, pooled ({lang}, {len(arts)} articles from "
                   f"{', '.join(b.file for b in group)}):")  # fmt: skip
        click.echo("  " + ", ".join(f"{m} {scores[m]:.3f}" for m in br.MEASURES))
    click.echo("aims (set for English): "
               + ", ".join(f"{m} {record.aims[m]:.2f}" for m in br.MEASURES))  # fmt: skip
    report.write(out, "news-evaluate-blind",
                 {"batches": rows, "unseen": pooled, "aims": record.aims})  # fmt: skip
