"""The tahub console: the web pages partners, campaign teams and operators look at.

Served by the main job's HTTP server at ``/`` beside the APIs, offline (vendored map and
chart libraries, boundaries shipped in the package). Modules:

- ``sessions``: server-side sessions and the sign-in throttle;
- ``csrf``: tokens for every form, the sign-in form's signed double submit, origin checks;
- ``html``: a tiny HTML builder that escapes everything;
- ``data``: what the pages show, read through ``tahub.query_api.run`` with the
  session's viewer (the query API's own entry point: one code path for the sharing rules);
- ``pages``: the HTML of each page; ``app``: the routes and sign-in; ``responses``: the
  security headers every answer carries;
- ``my_alerts``: the organisation's subscriptions and silences, through the alerts API's
  own managers (``alerts_pages`` their HTML; ``subs_form`` and ``silence_form`` decode
  the forms into what the managers take);
- ``compare``: two periods of counts and whether a change is beyond noise (pure), for the
  trends page and ``campaign_pages`` (the campaign brief);
- ``static/``: the pages' scripts and styles, and ``vendor/`` (see its VENDORED.md).
"""
