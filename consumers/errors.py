"""Errors of the warehouse layer."""


class WarehouseError(Exception):
    """The warehouse refused a statement or could not be reached."""
