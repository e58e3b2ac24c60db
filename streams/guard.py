# removed when the fan-out (streams/detect/repartition.py) imports consumers.kit.guarded
from consumers.kit.guarded import DlqLimit, DlqLimitExceeded

__all__ = ["DlqLimit", "DlqLimitExceeded"]
