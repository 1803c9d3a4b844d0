"""What the screenshot tool checks on every rendered screen, from the widgets Qt laid out and the
pixels it drew: the screen fits the panel, no text is clipped, nothing is outside the window or
its parent, every touch target is at least 15 mm, and text contrast is at least 7:1."""

from __future__ import annotations

from PIL import Image, ImageStat

MIN_TARGET_MM = 15.0
MIN_CONTRAST = 7.0


def _luminance(rgb) -> float:
    def lin(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb[:3]
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def pil_image(qimage) -> Image.Image:
    from PySide6.QtGui import QImage

    rgb = qimage.convertToFormat(QImage.Format.Format_RGB888)
    return Image.frombuffer(
        "RGB", (rgb.width(), rgb.height()), bytes(rgb.constBits()), "raw", "RGB", rgb.bytesPerLine(), 1
    )


def contrast(image: Image.Image) -> float:
    """Lightest against darkest pixels, a few stray pixels trimmed at each end (not a share of the
    area: in a wide key the "1" is a sliver, and a share would cut all of its ink).

    The extremes are found by luma (fast, in C), then measured as WCAG luminance from their colour."""
    luma = image.convert("L")
    histogram = luma.histogram()
    trim = min(16, image.width * image.height // 200)

    def level(order) -> int:
        left = trim
        for value in order:
            left -= histogram[value]
            if left < 0:
                return value
        return order[-1]

    lo, hi = level(range(256)), level(range(255, -1, -1))

    def colour(value: int) -> float:
        mask = luma.point(lambda v: 255 if v == value else 0)
        return _luminance(ImageStat.Stat(image, mask).mean)

    return (colour(hi) + 0.05) / (colour(lo) + 0.05)


def _name(widget) -> str:
    text = widget.text() if hasattr(widget, "text") else ""
    text = " ".join(text.split())
    return f"{type(widget).__name__} {widget.objectName() or '-'}" + (f" '{text[:40]}'" if text else "")


def _visible(window, kind):
    return [w for w in window.findChildren(kind) if w.isVisible() and w.width() > 0 and w.height() > 0]


def _longest_words(label):
    from PySide6.QtGui import QFontMetrics

    metrics = QFontMetrics(label.font())
    return (metrics.horizontalAdvance(word) for word in label.text().split())


def check_screen(window, page, px_per_mm: float, frame) -> list[str]:
    """Problems on the screen as shown: each a line naming the widget."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QLabel, QPushButton

    problems: list[str] = []
    width, height = window.width(), window.height()
    if page.isAncestorOf(window.header):  # side mode: the header stands in the page's side column
        needed_h, needed_w = page.minimumSizeHint().height(), page.minimumSizeHint().width()
    else:
        needed_h = window.header.minimumSizeHint().height() + page.minimumSizeHint().height()
        needed_w = max(window.header.minimumSizeHint().width(), page.minimumSizeHint().width())
    if window.notice.isVisible():  # wrapped: as high as its lines at the width it has
        needed_h += window.notice.heightForWidth(window.notice.width())
    if needed_w > width or needed_h > height:
        problems.append(f"window: needs {needed_w}x{needed_h} px, the panel has {width}x{height}")
    labels = [w for w in _visible(window, QLabel) if w.text().strip()]
    buttons = _visible(window, QPushButton)
    # Over the screen (the easy-access options): what it covers is dimmed on purpose, and only
    # what is on top can be read and touched.
    covers = [w for w in (getattr(window, "access_panel", None), window.overlay) if w is not None and w.isVisible()]
    if covers:
        labels = [w for w in labels if covers[0].isAncestorOf(w)]
        buttons = [w for w in buttons if covers[0].isAncestorOf(w)]
    window_rect = window.rect()
    for widget in [*labels, *buttons]:
        rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        if not window_rect.contains(rect):
            problems.append(f"{_name(widget)}: off screen at {rect.getRect()}")
            continue
        parent = widget.parentWidget()
        if parent is not None and parent is not window:
            prect = QRect(parent.mapTo(window, parent.rect().topLeft()), parent.size())
            if not prect.contains(rect):
                problems.append(f"{_name(widget)}: outside its {type(parent).__name__} {parent.objectName() or '-'}")
    for label in labels:
        if label.wordWrap():
            need = label.heightForWidth(label.width())
            if need > label.height() + 1:
                problems.append(f"{_name(label)}: text clipped (needs {need} px high, has {label.height()})")
            # A word longer than the line is cut at the edge, however high the label is.
            longest = max(_longest_words(label), default=0)
            if longest > label.contentsRect().width() + 1:
                problems.append(f"{_name(label)}: a word is cut (needs {longest} px wide, has {label.width()})")
        else:
            need = label.minimumSizeHint()
            if need.width() > label.width() + 1 or need.height() > label.height() + 1:
                problems.append(
                    f"{_name(label)}: text clipped (needs {need.width()}x{need.height()} px, "
                    f"has {label.width()}x{label.height()})"
                )
    for b in buttons:
        if b.text().strip():
            need = b.sizeHint()
            if need.width() > b.width() + 1 or need.height() > b.height() + 1:
                problems.append(
                    f"{_name(b)}: text clipped (needs {need.width()}x{need.height()} px, has {b.width()}x{b.height()})"
                )
        mm = min(b.width(), b.height()) / px_per_mm
        if mm < MIN_TARGET_MM:
            problems.append(f"{_name(b)}: touch target {mm:.1f} mm (< {MIN_TARGET_MM:.0f} mm)")
    for widget in [*labels, *[b for b in buttons if b.text().strip()]]:
        top_left = widget.mapTo(window, widget.rect().topLeft())
        box = (top_left.x(), top_left.y(), top_left.x() + widget.width(), top_left.y() + widget.height())
        ratio = contrast(frame.crop(box))
        if ratio < MIN_CONTRAST:
            problems.append(f"{_name(widget)}: contrast {ratio:.2f}:1 (< 7:1)")
    return problems
