"""Draw the app icon: the accent-blue tile with 劳 in white, as PNG (window) and ICO (Windows).

    python packaging/make_icon.py

Run once when the design changes; both outputs are committed (casework/assets/icon.png,
packaging/casework.ico), so a build needs neither this script nor the CJK font.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
ACCENT = "#2f6fdb"  # casework/ui/kit/palette.py's accent
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"  # Debian's fonts-noto-cjk
SIZE = 256


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((8, 8, SIZE - 8, SIZE - 8), radius=48, fill=ACCENT)
    font = ImageFont.truetype(FONT, 168)
    pen.text((SIZE / 2, SIZE / 2 + 4), "劳", font=font, fill="white", anchor="mm")
    return image


def main() -> None:
    image = draw()
    image.save(ROOT / "casework" / "assets" / "icon.png", optimize=True)
    sizes = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
    image.save(ROOT / "packaging" / "casework.ico", sizes=sizes)


if __name__ == "__main__":
    main()
