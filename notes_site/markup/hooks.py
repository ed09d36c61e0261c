"""Hugo's embedded link and image render hooks (``layouts/_markup/render-link.html`` and
``render-image.html`` inside Hugo), which Hugo turns on by default for a multilingual site on
one host (or with ``renderHooks.link.enableDefault``/``renderHooks.image.enableDefault``):

* a link to ``#frag`` points into the page itself (``/base/page/#frag``);
* a link whose destination is a content path or a page's path (``/docs/intro/``,
  ``../other.md``) points to that page's permalink, query and fragment kept;
* a link or image naming one of the page's bundle resources (``img.png``) points to the
  resource beside the page.

Anything else, and every absolute URL, is left as written.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from markdown_it.utils import EnvType

from notes_site.markup.shortcodes.render import ENV_PAGE, ENV_SHORTCODES, PageInfo, ShortcodeRenderer


def _page_href(env: EnvType, path: str, page: PageInfo) -> str | None:
    renderer = env.get(ENV_SHORTCODES)
    if not isinstance(renderer, ShortcodeRenderer) or renderer.resolve_ref is None:
        return None
    return renderer.resolve_ref(path, source=page.source, absolute=False, names=False)


_TEMPLATE_KEEP = frozenset(
    "!#$&*+,/:;=?@[]-._~abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
)


def template_url(href: str) -> str:
    """*href* as Go's ``html/template`` writes it into an attribute, as the embedded hooks' output
    is: bytes outside RFC 3986's reserved and unreserved sets (``(``, ``)``, ``'``, spaces,
    non-ASCII) percent-encoded in lower-case hex, existing ``%XX`` escapes kept."""
    data = href.encode("utf-8")
    out: list[str] = []
    for index, byte in enumerate(data):
        char = chr(byte)
        if (byte < 128 and char in _TEMPLATE_KEEP) or (char == "%" and _is_hex(data[index + 1 : index + 3])):
            out.append(char)
        else:
            out.append(f"%{byte:02x}")
    return "".join(out)


def _is_hex(pair: bytes) -> bool:
    return len(pair) == 2 and all(chr(b) in "0123456789abcdefABCDEF" for b in pair)


def hooked_destination(env: EnvType, destination: str, *, image: bool) -> str | None:
    """Where Hugo's embedded hook sends *destination* (decoded), or None to keep it as written;
    either way the caller escapes the result with :func:`template_url`, as the hook's template does."""
    page: PageInfo | None = env.get(ENV_PAGE)
    parts = urlsplit(destination)
    if page is None or not destination or parts.scheme or parts.netloc:
        return None
    suffix = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    if not image and destination.startswith("#"):
        own = _page_href(env, page.source, page)
        return None if own is None else own + destination
    path = parts.path.removeprefix("./")
    if not path:
        return None
    if path in page.resources:
        own = _page_href(env, page.source, page)
        return None if own is None else own + path + suffix
    if image:
        return None
    found = _page_href(env, path, page)
    return None if found is None else found + suffix
