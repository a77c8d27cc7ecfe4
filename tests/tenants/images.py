"""Small real image files, made with Pillow, for upload tests."""

import io

from PIL import Image


def png_bytes(size=(8, 8), colour=(29, 79, 145)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()
