"""News intelligence: feeds, extraction, dedup, classification, geoparsing, signals."""
