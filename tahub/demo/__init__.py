"""The demo world of `tahub up --demo`: a synthetic partner network (no real persons),
two years of imported history, local news feeds and a live trickle of submissions in
which a spike emerges on one route and typology within two minutes.

- `world`: the organisations, routes, subscriptions, history rows and live submissions.
- `run`: the demo's settings (a separate data dir and topic prefix, a detector config
  with windows of seconds) and the thread that plays the world against the main job.
- `feeds/`: recorded RSS files the demo's news scraper reads from disk.
"""
