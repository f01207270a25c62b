"""QR code as inline SVG, drawn on the server, so enrolment works without JavaScript."""

import qrcode
from qrcode.image.svg import SvgPathImage


def qr_svg(data: str, label: str = "QR-code", size: int = 240) -> str:
    """An <svg> element (no XML declaration, fixed pixel size, white quiet zone) for a page."""
    from django.utils.html import escape

    image = qrcode.make(data, image_factory=SvgPathImage, box_size=8, border=4)
    svg = image.to_string(encoding="unicode")
    svg = svg[svg.index("<svg"):]
    head_end = svg.index(">") + 1
    view_box = svg[svg.index('viewBox="'):].split('"')[1]
    head = (f'<svg width="{size}" height="{size}" viewBox="{view_box}" xmlns="http://www.w3.org/2000/svg" '
            f'role="img" aria-label="{escape(label)}"><rect width="100%" height="100%" fill="#fff"/>')
    return head + svg[head_end:]
