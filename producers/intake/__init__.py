"""Partner intake: validate, scrub and publish incident submissions (HTTP, bulk, CLI)."""
