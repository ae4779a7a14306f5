"""Deploy: the built site to where listeners get it (`podcast deploy`), media first and the feed last; the site is
read under publishing's site lock, and sent without it. order.py decides what is sent and when; rclone.py is
the transport."""
from __future__ import annotations

from .order import MANIFEST, STAGES, Plan, Progress, Report, deploy, kind_of

__all__ = ["MANIFEST", "STAGES", "Plan", "Progress", "Report", "deploy", "kind_of"]
