"""Pictures for the demo, drawn with Pillow so the demo needs no downloads."""

import hashlib
import io
import random

from PIL import Image as PillowImage
from PIL import ImageDraw

from django.core.files.images import ImageFile

from wagtail.images.models import Image

PALETTES = [
    ((155, 28, 28), (246, 193, 189)),  # pomegranate
    ((47, 107, 43), (214, 235, 200)),  # grassland
    ((29, 78, 216), (199, 221, 255)),  # sky
    ((180, 120, 20), (255, 232, 180)),  # autumn
    ((90, 40, 120), (230, 210, 245)),  # dusk
]


def draw_picture(seed: str, size: tuple[int, int] = (1200, 750)) -> bytes:
    """A JPEG of seeds on a gradient, different for every seed string, the same every run."""
    rng = random.Random(int(hashlib.sha256(seed.encode()).hexdigest(), 16))
    dark, light = rng.choice(PALETTES)
    width, height = size
    picture = PillowImage.new("RGB", size, light)
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        t = y / height
        colour = tuple(int(light[i] * (1 - t) + dark[i] * t * 0.35 + light[i] * t * 0.65) for i in range(3))
        draw.line([(0, y), (width, y)], fill=colour)
    for _ in range(rng.randint(40, 70)):
        radius = rng.randint(12, 60)
        x, y = rng.randint(0, width), rng.randint(0, height)
        shade = tuple(min(255, c + rng.randint(0, 60)) for c in dark)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=shade)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


def demo_image(title: str) -> Image:
    """The Wagtail image with this title, drawn and saved the first time it is asked for."""
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    name = "demo-" + hashlib.sha1(title.encode(), usedforsecurity=False).hexdigest()[:12] + ".jpg"
    image = Image(title=title)
    image.file = ImageFile(io.BytesIO(draw_picture(title)), name=name)
    image.save()
    return image
