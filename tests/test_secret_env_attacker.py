"""Attack: one organisation names another's channel secret through the environment.

``TAHUB_SECRET_<ORG>__<NAME>`` writes an organisation id upper-cased with ``-`` as ``_``,
and a secret name may hold ``__``: organisation ``acme`` with the name ``kenya__slack`` and
organisation ``acme--kenya`` with the name ``slack`` were one variable,
``TAHUB_SECRET_ACME__KENYA__SLACK``. So ``acme`` listed the other's secret among its own
names, and a subscription of ``acme`` naming ``kenya__slack`` was accepted and sent with
the other organisation's Slack bot token, incoming-webhook URL, webhook signing key or
SMTP relay (its own alerts posted into the other's workspace, or signed with the other's
key and sent to a receiver ``acme`` runs).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from alerts.secrets import SecretError, Secrets
from alerts.subscriptions import Rules, SubscriptionError, build

THEIRS = {"TAHUB_SECRET_ACME__KENYA__SLACK": "xoxb-of-acme-kenya"}


def test_an_organisation_cannot_name_a_secret_of_one_whose_id_extends_its_own() -> None:
    secrets = Secrets(env=THEIRS)
    assert secrets.get("acme--kenya", "slack") == "xoxb-of-acme-kenya"  # the owner's own
    assert secrets.names("acme--kenya") == ["slack"]

    assert secrets.names("acme") == []  # not listed as the attacker's
    with pytest.raises(SecretError) as theirs:
        secrets.get("acme", "kenya__slack")
    with pytest.raises(SecretError) as unknown:
        secrets.get("acme", "nairobi__slack")
    said = str(theirs.value).replace("kenya__slack", "NAME")
    assert said == str(unknown.value).replace("nairobi__slack", "NAME")
    assert "xoxb" not in said

    # and a subscription naming it is refused, as one naming no secret at all
    spec = {
        "name": "borrowed bot",
        "area": {"countries": ["KE"]},
        "channels": [{"kind": "slack", "target": "#general", "secret_ref": "kenya__slack"}],
    }
    with pytest.raises(SubscriptionError) as err:
        build(spec, org_id="acme", now=datetime.now(UTC), rules=Rules(frozenset(), secrets=secrets))
    assert [p.path for p in err.value.problems] == ["channels.0.secret_ref"]


def test_an_organisation_whose_id_ends_in_a_hyphen_lists_nothing_of_its_neighbour() -> None:
    """``acme-`` (a valid id) writes ``TAHUB_SECRET_ACME___X``, which starts with
    ``acme``'s prefix: ``acme`` listed ``_x``, another organisation's secret name."""
    secrets = Secrets(env={"TAHUB_SECRET_ACME___X": "value-of-acme-dash"})
    assert secrets.names("acme-") == ["x"]
    assert secrets.names("acme") == []
