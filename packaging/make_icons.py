"""Render the app icon from the SVG master into every format the installers need.

    python packaging/make_icons.py          (any Python with PySide6-Essentials, e.g. .venv)

Writes, from resources/icons/caretrack.svg:
  packaging/icons/hicolor/<N>x<N>/apps/caretrack.png   N = 16 22 24 32 48 64 128 256 512 (Linux)
  packaging/icons/caretrack.ico                          16..256, for the Windows EXE and setup
  packaging/icons/caretrack.icns                         16..1024, for the macOS .app

Only Qt is used: QSvgRenderer paints into a QImage; the ICO and ICNS files are written by Qt's own
image plugins (imageformats/libqico and libqicns ship in PySide6-Essentials). The output is
committed, so the Windows and macOS builds never need to run this.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
MASTER = HERE.parent / "resources" / "icons" / "caretrack.svg"
OUT = HERE / "icons"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Apple's iconset: (OSType, pixel size). PNG payloads are valid for all of these.
ICNS_TYPES = (
    (b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128),
    (b"ic08", 256), (b"ic09", 512), (b"ic10", 1024),
    (b"ic11", 32), (b"ic12", 64), (b"ic13", 256), (b"ic14", 512),
)  # fmt: skip


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("PNG encoding failed")
    buffer.close()
    return bytes(data.data())


def write_ico(images: dict[int, QImage], path: Path) -> None:
    """A multi-size ICO with PNG entries (Windows Vista+), written by hand.

    Qt's ico plugin writes only one image per file through QImage.save, so the container is
    assembled here: ICONDIR, one ICONDIRENTRY per size, then the PNG payloads.
    """
    payloads = [(size, png_bytes(images[size])) for size in ICO_SIZES]
    header = struct.pack("<HHH", 0, 1, len(payloads))
    offset = len(header) + 16 * len(payloads)
    entries, blobs = b"", b""
    for size, blob in payloads:
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    path.write_bytes(header + entries + blobs)


def write_icns(images: dict[int, QImage], path: Path) -> None:
    """An ICNS of PNG payloads ('icns' header, then type + length + data per image)."""
    body = b""
    for ostype, size in ICNS_TYPES:
        blob = png_bytes(images[size])
        body += ostype + struct.pack(">I", 8 + len(blob)) + blob
    path.write_bytes(b"icns" + struct.pack(">I", 8 + len(body)) + body)


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(MASTER))
    if not renderer.isValid():
        print(f"cannot read {MASTER}", file=sys.stderr)
        return 1
    sizes = sorted(set(HICOLOR_SIZES) | set(ICO_SIZES) | {s for _, s in ICNS_TYPES})
    images = {size: render(renderer, size) for size in sizes}
    for size in HICOLOR_SIZES:
        target = OUT / "hicolor" / f"{size}x{size}" / "apps" / "caretrack.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not images[size].save(str(target), "PNG"):
            raise RuntimeError(f"cannot write {target}")
    write_ico(images, OUT / "caretrack.ico")
    write_icns(images, OUT / "caretrack.icns")
    # Read both back through Qt's own ico/icns plugins as a check.
    supported = {bytes(f.data()).decode() for f in QImageWriter.supportedImageFormats()}
    for name, fmt in (("caretrack.ico", "ico"), ("caretrack.icns", "icns")):
        if fmt in supported:
            back = QImage(str(OUT / name), fmt)
            if back.isNull():
                raise RuntimeError(f"Qt cannot read back {name}")
    for path in sorted(OUT.rglob("*")):
        if path.is_file():
            print(f"{path.relative_to(HERE.parent)}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
