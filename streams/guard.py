# removed when the fan-out moves to streams/detect (the kit is consumers.kit.guarded)
from consumers.kit.guarded import DlqLimit, DlqLimitExceeded

__all__ = ["DlqLimit", "DlqLimitExceeded"]
