"""Re-makes CaseDesk's application icons from resources/icons/casedesk.svg:

    resources/icons/hicolor/<N>x<N>/apps/casedesk.png   N = 16 24 32 48 64 128 256 512
    resources/icons/casedesk.ico                          16 24 32 48 64 128 256, for Windows

    python packaging/make_icons.py

The SVG is drawn by Qt's SVG renderer (offscreen: no screen needed), each size from the drawing
itself, not scaled down from a large bitmap, so the small ones stay sharp. The PNG and ICO files
are shipped resources, committed beside the SVG; run this after changing the SVG. The .ico needs
Pillow (installed with reportlab, a dependency of CaseDesk).
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "casedesk.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest size an .ico holds


def png_path(size: int) -> Path:
    """Where the PNG of one size lives: the freedesktop icon theme layout, ready to copy."""
    return ICONS / "hicolor" / f"{size}x{size}" / "apps" / "casedesk.png"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def main() -> int:
    from PIL import Image

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (QPainter wants one)
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"{SVG}: not a valid SVG", file=sys.stderr)
        return 1
    rendered: dict[int, bytes] = {}
    for size in PNG_SIZES:
        data = png_bytes(render(renderer, size))
        rendered[size] = data
        target = png_path(size)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        print(target.relative_to(ROOT))
    images = [Image.open(io.BytesIO(rendered[size])).convert("RGBA") for size in ICO_SIZES]
    largest = images[-1]
    ico = ICONS / "casedesk.ico"
    # append_images: each size as drawn above (without it, Pillow would scale the largest down).
    largest.save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=images[:-1])
    print(ico.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
