"""Resume photos: any picture becomes an upright one-inch portrait JPEG, or a clear refusal."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from casework.services.documents import photos
from casework.services.documents.photos import PhotoError


def picture(size=(600, 900), colour=(0, 120, 200), mode="RGB", fmt="JPEG", exif=None) -> bytes:
    image = Image.new(mode, size, colour)
    out = io.BytesIO()
    if exif is not None:
        image.save(out, fmt, exif=exif)
    else:
        image.save(out, fmt)
    return out.getvalue()


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_portrait_is_295_by_413_jpeg_at_300_dpi(tmp_path):
    path = tmp_path / "照片.png"
    path.write_bytes(picture(size=(1200, 800), fmt="PNG"))
    image = opened(photos.load_photo(path))
    assert image.format == "JPEG" and image.size == photos.PHOTO_SIZE == (295, 413)
    assert round(image.info["dpi"][0]) == 300
    assert photos.photo_size(photos.load_photo(path)) == (295, 413)


def test_exif_rotation_is_applied():
    # A phone photo stored landscape with a rotation in its EXIF: the top marker is on
    # the stored image's right edge and must end up at the top of the portrait.
    image = Image.new("RGB", (900, 600), (255, 255, 255))
    image.paste((255, 0, 0), (840, 0, 900, 600))  # red stripe on the stored right edge
    exif = Image.Exif()
    exif[0x0112] = 8  # viewed turned a quarter anticlockwise: the right edge is the top
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    result = opened(photos.portrait(out.getvalue()))
    red, green, blue = result.getpixel((result.width // 2, 2))
    assert red > 200 and green < 60 and blue < 60
    red, green, blue = result.getpixel((result.width // 2, result.height - 3))
    assert green > 200


def test_transparent_png_gets_a_white_background():
    data = picture(size=(300, 420), colour=(0, 0, 0, 0), mode="RGBA", fmt="PNG")
    result = opened(photos.portrait(data))
    assert result.getpixel((10, 10)) == pytest.approx((255, 255, 255), abs=3)


def test_wide_picture_is_cropped_around_its_centre():
    image = Image.new("RGB", (1000, 400), (0, 0, 255))
    image.paste((0, 255, 0), (400, 0, 600, 400))  # the middle is green
    out = io.BytesIO()
    image.save(out, "PNG")
    result = opened(photos.portrait(out.getvalue()))
    red, green, blue = result.getpixel((result.width // 2, result.height // 2))
    assert green > 200 and blue < 60


@pytest.mark.parametrize(
    ("content", "word"),
    [
        (b"this is not a picture", "不是可识别的图片"),
        (b"", "空文件"),
        (picture()[:200], "损坏"),
    ],
)
def test_bad_files_are_refused_in_chinese(tmp_path, content, word):
    path = tmp_path / "简历.docx"
    path.write_bytes(content)
    with pytest.raises(PhotoError, match=word):
        photos.load_photo(path)


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(PhotoError, match="找不到照片文件"):
        photos.load_photo(tmp_path / "没有.jpg")
