"""tahub's shell: settings, CLI, local runtime and process supervision."""

__version__ = "0.1.0"
