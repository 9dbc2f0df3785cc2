"""Resume photos: any picture file made into a one-inch portrait (25x35 mm, 295x413 px JPEG).

Phone pictures come sideways (EXIF orientation), huge, or as PNG with transparency;
the resume needs a small upright JPEG of the usual one-inch ID-photo shape, so the
picture is turned upright, cropped to 25:35 around its upper centre (where a face is)
and scaled to 300 dpi.
"""

from __future__ import annotations

import io
import os

# A one-inch ID photo: 25 x 35 mm at 300 dpi.
PHOTO_SIZE = (295, 413)
PHOTO_DPI = 300
JPEG_QUALITY = 88
MAX_PIXELS = 80_000_000  # refuse absurd images instead of exhausting the laptop's memory
FILE_TYPES = (("图片", "*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff"),)


class PhotoError(ValueError):
    """The file is not a picture Casework can use; the message is for the cadre."""


def load_photo(path: str | os.PathLike[str]) -> bytes:
    """Read a picture file and return the portrait JPEG; PhotoError with a Chinese message."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise PhotoError(f"找不到照片文件：{os.fspath(path)}") from None
    except OSError as error:
        raise PhotoError(f"无法读取照片文件：{error.strerror or error}") from None
    return portrait(data, os.path.basename(os.fspath(path)))


def portrait(data: bytes, name: str = "照片") -> bytes:
    """The one-inch portrait JPEG made from picture bytes."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if not data:
        raise PhotoError(f"{name}是空文件，不是照片")
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise PhotoError(f"{name}的分辨率太大（{image.width}×{image.height}），请换一张")
            image.load()
            upright = ImageOps.exif_transpose(image)
    except UnidentifiedImageError:
        raise PhotoError(f"{name}不是可识别的图片文件，请选择 JPG 或 PNG 照片") from None
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        if isinstance(error, PhotoError):
            raise
        raise PhotoError(f"{name}已损坏或不完整，无法读取") from None
    cropped = _crop_to_portrait(_flatten(upright))
    resized = cropped.resize(PHOTO_SIZE, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    resized.save(out, "JPEG", quality=JPEG_QUALITY, dpi=(PHOTO_DPI, PHOTO_DPI), optimize=True)
    return out.getvalue()


def _flatten(image):
    """RGB on white: a transparent PNG would otherwise turn black in a JPEG."""
    from PIL import Image

    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _crop_to_portrait(image):
    """The largest 25:35 box: centred across, and from the top down (heads are at the top)."""
    width, height = image.size
    target = PHOTO_SIZE[0] / PHOTO_SIZE[1]
    if width / height > target:
        new_width = round(height * target)
        left = (width - new_width) // 2
        return image.crop((left, 0, left + new_width, height))
    new_height = round(width / target)
    # Keep a little room above the head rather than cutting exactly at the top edge.
    top = min((height - new_height) // 5, height - new_height)
    return image.crop((0, top, width, top + new_height))


def photo_size(jpeg: bytes) -> tuple[int, int]:
    """Width and height in pixels of a stored photo."""
    from PIL import Image

    with Image.open(io.BytesIO(jpeg)) as image:
        return image.size
