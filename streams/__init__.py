"""Stream processing (Faust): the app factory, its agents, and the detector maths."""
