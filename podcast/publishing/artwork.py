"""The show's square artwork: the producer's file, or one generated from the show title with Pillow."""
from __future__ import annotations

import io
import textwrap

from PIL import Image, ImageDraw, ImageFont

SIZE_PX = 1400


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
