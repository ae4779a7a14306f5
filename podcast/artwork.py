"""The show's square artwork: the producer's file checked (and resized when square but out of range), or one
generated from the show title with Pillow. Embedded in each MP3 (mastering) and published beside the feed
(publishing)."""
from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError

from .errors import InputError

MIN_PX, MAX_PX = 1400, 3000
"""Apple's bounds for podcast artwork, in pixels per side."""
SIZE_PX = MIN_PX
"""Side of the generated artwork."""
FORMATS = {"PNG": ("image/png", ".png"), "JPEG": ("image/jpeg", ".jpg")}


@dataclass(frozen=True)
class Artwork:
    data: bytes
    """A square RGB PNG or JPEG, MIN_PX to MAX_PX per side."""
    mime: str
    """image/png or image/jpeg."""
    suffix: str
    """.png or .jpg."""


def generated_artwork(title: str) -> bytes:
    """A clean 1400x1400 RGB PNG with the title set large on a dark field."""
    image = Image.new("RGB", (SIZE_PX, SIZE_PX), (24, 38, 64))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=130)
    lines = textwrap.wrap(title, width=12)
    line_h = 160
    y = (SIZE_PX - line_h * len(lines)) // 2
    for line in lines:
        width = draw.textlength(line, font=font)
        draw.text(((SIZE_PX - width) / 2, y), line, font=font, fill=(240, 236, 226))
        y += line_h
    draw.rectangle([120, SIZE_PX - 200, SIZE_PX - 120, SIZE_PX - 188], fill=(232, 160, 64))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def checked_artwork(path: Path) -> Artwork:
    """The producer's artwork as the feed and the MP3s need it: a square PNG or JPEG is kept as it is when it is
    RGB and 1400-3000 px, else converted to RGB and resized into range; anything else is an InputError."""
    try:
        image = Image.open(path)
        image.load()
    except FileNotFoundError:
        raise InputError(path, "artwork file not found") from None
    except (UnidentifiedImageError, OSError):
        raise InputError(path, "artwork is not an image Pillow can read (use a square PNG or JPEG)") from None
    if image.format not in FORMATS:
        raise InputError(path, f"artwork is {image.format}, not PNG or JPEG")
    width, height = image.size
    if width != height:
        raise InputError(path, f"artwork is {width}x{height} px, not square")
    mime, suffix = FORMATS[image.format]
    side = min(max(width, MIN_PX), MAX_PX)
    if side == width and image.mode == "RGB":
        return Artwork(path.read_bytes(), mime, suffix)
    fixed = image.convert("RGB")
    if side != width:
        fixed = fixed.resize((side, side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    fixed.save(out, format=image.format, **({"quality": 92} if image.format == "JPEG" else {}))
    return Artwork(out.getvalue(), mime, suffix)


def show_artwork(artwork: Path | None, title: str) -> Artwork:
    """The show's artwork file when there is one, else a generated PNG."""
    if artwork is not None and artwork.exists():
        return checked_artwork(artwork)
    return Artwork(generated_artwork(title), "image/png", ".png")
