"""Publishing: the only stage that writes into the site (site.py), from the catalog of its episodes (catalog.py):
the feed, every page (Jinja2 templates), the review page and the narrator's recording script."""
from __future__ import annotations

from .catalog import (AlternateEntry, Catalog, ChapterEntry, EpisodeEntry, ItemEntry, PersonEntry, episode_guid,
                      items_description, load_catalog)
from .site import publish, published_path, subresource_integrity

__all__ = ["AlternateEntry", "Catalog", "ChapterEntry", "EpisodeEntry", "ItemEntry", "PersonEntry", "published_path", "episode_guid",
           "items_description", "load_catalog", "publish", "subresource_integrity"]
