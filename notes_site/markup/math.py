"""``$…$`` and ``$$…$$`` rendered to MathML at build time (latex2mathml): no script or CDN on the page."""

from __future__ import annotations

from collections.abc import Sequence

from latex2mathml.converter import convert as latex_to_mathml
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup

from notes_site.markup.renderer import MarkupRenderer, diagnose


def _mathml(env: EnvType, token: Token, display: bool) -> Markup:
    """The token's LaTeX as MathML, or the source in ``<code class="math-error">`` if it fails."""
    latex = token.content.strip()
    try:
        return Markup(latex_to_mathml(latex, display="block" if display else "inline"))
    except Exception as exc:  # latex2mathml raises bare Exception subclasses on bad input
        diagnose(
            env,
            token,
            f"cannot convert formula to MathML: {latex!r} ({type(exc).__name__})",
            "check the LaTeX, or escape the dollar signs (\\$) if it is not math",
            "math-error",
        )
        return Markup('<code class="math-error">{}</code>').format(latex)


def render_math_inline(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return Markup('<span class="math inline">{}</span>').format(_mathml(env, tokens[idx], False))


def render_math_inline_double(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # $$…$$ inside a paragraph: display math, in a span so the paragraph stays valid HTML.
    return Markup('<span class="math display">{}</span>').format(_mathml(env, tokens[idx], True))


def render_math_block(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return Markup('<div class="math block">\n{}\n</div>\n').format(_mathml(env, tokens[idx], True))


def render_math_block_label(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    label = tokens[idx].info
    return Markup(
        '<div id="{0}" class="math block">\n'
        '<a href="#{0}" class="mathlabel" title="Permalink to this equation">¶</a>\n{1}\n</div>\n'
    ).format(label, _mathml(env, tokens[idx], True))
