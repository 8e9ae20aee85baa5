"""Turn a text PDF into a 'scanned' one: grey pages, a slight skew, speckles, JPEG, no text layer."""

from __future__ import annotations

import io
import random

import numpy as np
import pypdfium2 as pdfium
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from corpus.tools.render_pdf import PAGE_H, PAGE_W


def _page_image(page: pdfium.PdfPage, dpi: int, angle: float, rng: random.Random) -> Image.Image:
    img = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    img = img.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    pixels = np.asarray(img, dtype=np.int16).copy()
    noise = np.random.default_rng(rng.randrange(2**32))
    h, w = pixels.shape
    n = h * w // 12000  # dark speckles
    ys, xs = noise.integers(0, h, n), noise.integers(0, w, n)
    pixels[ys, xs] = noise.integers(0, 110, n)
    pixels -= 12  # paper is never quite white
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")


def to_scan(pdf_bytes: bytes, seed: int, quality: int = 55) -> bytes:
    """Rasterise every page and wrap the JPEGs in a new PDF of the same page size.

    Resolution drops for longer documents so that every scan stays under about 1 MB.
    """
    rng = random.Random(seed)
    doc = pdfium.PdfDocument(pdf_bytes)
    dpi = {1: 200, 2: 200, 3: 190, 4: 160}.get(len(doc), 140)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=1)
    for i in range(len(doc)):
        angle = rng.choice([-1, 1]) * rng.uniform(0.3, 1.5)
        img = _page_image(doc[i], dpi, angle, rng)
        jpeg = io.BytesIO()
        img.save(jpeg, format="JPEG", quality=quality)
        jpeg.seek(0)
        c.drawImage(ImageReader(jpeg), 0, 0, PAGE_W, PAGE_H)
        c.showPage()
    c.save()
    doc.close()
    return buf.getvalue()
