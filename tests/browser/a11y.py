"""The accessibility checks run on every page the browser tests touch.

Landmarks, headings, ``lang`` and ``dir``, focus order with a visible focus, and text
contrast (WCAG 2 AA: 4.5:1, 3:1 for large text), measured on the rendered page.
"""

import itertools
import re

from playwright.sync_api import Page, expect

NOT_EMPTY = re.compile(r"\S")
DIRECTIONS = {"ar": "rtl", "en": "ltr"}
# How many Tab presses the focus-order check follows from the top of the page.
FOCUS_STEPS = 12

# The text elements whose colour against their painted background is under the WCAG AA
# ratio; backgrounds are composed through the ancestors' (possibly translucent) colours.
LOW_CONTRAST = """() => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const over = (top, under) => ({
    r: top.r * top.a + under.r * (1 - top.a),
    g: top.g * top.a + under.g * (1 - top.a),
    b: top.b * top.a + under.b * (1 - top.a), a: 1,
  });
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let out = {r: 255, g: 255, b: 255, a: 1};
    for (let i = layers.length - 1; i >= 0; i--) out = over(layers[i], out);
    return out;
  };
  const luminance = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const low = [];
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!node.textContent.trim() || seen.has(el)) continue;
    seen.add(el);
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (style.visibility === "hidden" || box.width <= 1 || box.height <= 1) continue;
    if (el.closest("svg, [aria-hidden='true'], .skip-link")) continue;
    const bg = background(el);
    const fg = over(parse(style.color), bg);
    const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (parseInt(style.fontWeight, 10) >= 700 && size >= 18.66);
    if (ratio < (large ? 3 : 4.5) - 0.005) {
      const text = node.textContent.trim().slice(0, 40);
      low.push(`${ratio.toFixed(2)}: ${el.tagName.toLowerCase()}.${el.className} «${text}»`);
    }
  }
  return low;
}"""

HEADING_LEVELS = """() => [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
  .filter((h) => h.getClientRects().length)
  .map((h) => Number(h.tagName[1]))"""

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  // An outline, or (a chart's link) a stroke drawn around one of its shapes.
  const stroked = [...el.querySelectorAll("rect, path")].some((shape) => {
    const s = getComputedStyle(shape);
    return s.stroke !== "none" && parseFloat(s.strokeWidth) > 0;
  });
  const before = window.__lastFocused;
  const forward = !before || before === el
    || Boolean(before.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  window.__lastFocused = el;
  return {
    tag: el.tagName.toLowerCase(),
    text: (el.innerText || el.value || "").trim().slice(0, 30),
    html: el.outerHTML.slice(0, 120),
    outlined: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || stroked,
    forward,
  };
}"""


def assert_landmarks_and_headings(page: Page) -> None:
    for role in ("banner", "main", "contentinfo"):
        expect(page.get_by_role(role)).to_have_count(1)
    for landmark in page.get_by_role("navigation").all():
        expect(landmark).to_have_accessible_name(NOT_EMPTY)
    levels = page.evaluate(HEADING_LEVELS)
    assert levels.count(1) == 1, f"one h1 expected: {levels}"
    skipped = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert skipped == [], f"heading levels skipped: {levels}"


def assert_language(page: Page, language: str) -> None:
    html = page.locator("html")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", DIRECTIONS[language])


def assert_focus_order(page: Page) -> None:
    """Tab from the top: the skip link first, then every stop visibly outlined and later in
    the document than the one before (no jumps back)."""
    page.evaluate("window.__lastFocused = null; document.activeElement.blur()")
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    assert first["tag"] == "a" and first["outlined"], first
    expect(page.locator(".skip-link")).to_be_focused()
    for _ in range(FOCUS_STEPS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] == "body":
            break
        assert focused["outlined"], f"focus not visible on {focused}"
        assert focused["forward"], f"focus went back to {focused}"


def assert_contrast(page: Page) -> None:
    assert page.evaluate(LOW_CONTRAST) == []


def assert_accessible(page: Page, language: str) -> None:
    """Every check above, on the page as it is now."""
    assert_language(page, language)
    assert_landmarks_and_headings(page)
    assert_contrast(page)
    assert_focus_order(page)
