"""The chat's stylesheet and its one script (citation markers -> source cards), as strings.

app.py runs ``INSTALL_JS`` from the sources panel's ``js_on_load``, so the page works however the
Blocks is launched (no ``launch(css=..., head=...)`` needed).
"""

from __future__ import annotations

import json

CSS = """
.bq-question { white-space: pre-wrap; }
.bq-answer p { margin: 0 0 .4em 0; }
.bq-claims, .bq-claims ul { line-height: 1.5; margin: 0 0 .4em 0; padding: 0; list-style: none; }
.bq-claims li.bq-claim { margin: 0 0 .35em 1.2em; list-style: disc outside; }
.bq-claims li.bq-group { margin: 0 0 .35em 0; }
.bq-claims .bq-group ul { margin: .15em 0 0 0; }
.bq-lead { font: inherit; font-weight: 600; }
.bq-hint { border-left: 3px solid var(--color-accent, #2563eb); padding: .2em .6em; font-style: italic; }
#bq-chat button.bq-cite, button.bq-cite { display: inline; border: 0; background: var(--color-accent-soft, #e8efff);
  color: var(--color-accent, #2563eb); border-radius: 4px; padding: 0 .25em; margin: 0 .05em;
  font: inherit; font-size: .85em; font-weight: 600; cursor: pointer; vertical-align: baseline; }
#bq-chat button.bq-cite:hover, #bq-chat button.bq-cite:focus, button.bq-cite:hover {
  background: var(--color-accent, #2563eb); color: #fff; outline: none; }
.bq-meta, .bq-understood, .bq-muted { color: var(--body-text-color-subdued, #6b7280); font-size: .85em; }
.bq-understood { font-style: italic; margin-bottom: .3em; }
.bq-note { border-left: 3px solid #d97706; background: rgba(217,119,6,.08); padding: .3em .6em;
  margin-bottom: .5em; font-size: .9em; }
.bq-abstained { border-left: 3px solid #6b7280; padding: .2em .6em; }
.bq-badge { display: inline-block; font-size: .75em; font-weight: 700; text-transform: uppercase;
  letter-spacing: .04em; background: #6b7280; color: #fff; border-radius: 3px; padding: .05em .4em; }
.bq-error { border-left: 3px solid #dc2626; padding: .2em .6em; }
.bq-removed { margin-top: .4em; font-size: .85em; }
.bq-removed summary { cursor: pointer; color: var(--body-text-color-subdued, #6b7280); }
.bq-wait { color: var(--body-text-color-subdued, #6b7280); font-style: italic; }
.bq-cursor::after { content: "\\258D"; animation: bq-blink 1s steps(1) infinite; }
@keyframes bq-blink { 50% { opacity: 0; } }
.bq-sources { display: flex; flex-direction: column; gap: .6em; }
.bq-turn-sources[hidden] { display: none !important; }
.bq-sources-for { font-weight: 600; margin-bottom: .4em; }
.bq-card { border: 1px solid var(--border-color-primary, #e5e7eb); border-radius: 8px; padding: .6em .75em;
  margin-bottom: .6em; background: var(--background-fill-secondary, #fafafa); transition: box-shadow .2s; }
.bq-card.bq-active { border-color: var(--color-accent, #2563eb); box-shadow: 0 0 0 2px var(--color-accent, #2563eb); }
.bq-card header { font-size: .85em; }
.bq-n { font-weight: 700; color: var(--color-accent, #2563eb); }
.bq-outlet { font-weight: 600; }
.bq-undated { font-style: italic; }
.bq-title { font-weight: 600; margin: .2em 0; overflow-wrap: anywhere; }
.bq-where { font-size: .8em; overflow-wrap: anywhere; }
.bq-quote { margin: .5em 0 .2em 0; padding-left: .6em; border-left: 3px solid var(--color-accent, #2563eb);
  font-size: .9em; overflow-wrap: anywhere; }
.bq-context summary { cursor: pointer; font-size: .85em; }
.bq-context p { font-size: .85em; white-space: pre-wrap; overflow-wrap: anywhere; }
.bq-context mark { background: #fde68a; color: inherit; padding: 0 .1em; }
.bq-also { font-size: .8em; margin-top: .2em; }
.bq-empty { color: var(--body-text-color-subdued, #6b7280); font-size: .9em; }
.bq-timeline { display: flex; flex-direction: column; gap: .6em; }
.bq-tl-head { font-weight: 600; }
.bq-tl-axis { position: relative; height: 4.2em; margin: .5em .5em 0 .5em; }
.bq-tl-line { position: absolute; left: 0; right: 0; top: 1.2em; height: 2px;
  background: var(--border-color-primary, #d1d5db); }
.bq-tl-dot { position: absolute; top: .45em; width: 1.5em; height: 1.5em; margin-left: -.75em; border-radius: 50%;
  background: var(--color-accent, #2563eb); color: #fff; font-size: .75em; display: flex; align-items: center;
  justify-content: center; }
.bq-tl-ends { position: absolute; left: 0; right: 0; top: 2.4em; display: flex; justify-content: space-between;
  font-size: .8em; color: var(--body-text-color-subdued, #6b7280); }
.bq-tl-list { list-style: none; padding-left: 0; margin: 0; }
.bq-tl-day { border-left: 2px solid var(--color-accent, #2563eb); padding: .1em 0 .4em .8em; margin-left: .4em; }
.bq-tl-day time { font-weight: 600; }
.bq-tl-subhead { font-weight: 600; }
.bq-report ul { margin: .3em 0; }
.bq-warn { border-left: 3px solid #d97706; padding-left: .6em; }
.bq-ok { border-left: 3px solid #16a34a; padding-left: .6em; }
"""

# A click (or Enter) on a [n] marker shows that answer's sources, highlights card n and opens its context.
_CLICK_JS = r"""
if (!window.__bqInstalled) {
  window.__bqInstalled = true;
  const style = document.createElement('style');
  style.id = 'bq-style';
  style.textContent = CSS_TEXT;
  document.head.appendChild(style);
  document.addEventListener('click', (event) => {
    const marker = event.target.closest ? event.target.closest('.bq-cite') : null;
    if (!marker) return;
    const num = (re) => {
      for (const c of marker.classList) { const m = re.exec(c); if (m) return m[1]; }
      return null;
    };
    const turn = num(/^bq-t(\d+)$/), n = num(/^bq-n(\d+)$/);
    if (turn === null || n === null) return;
    event.preventDefault();
    document.querySelectorAll('.bq-turn-sources').forEach((s) => { s.hidden = s.dataset.turn !== turn; });
    document.querySelectorAll('.bq-card.bq-active').forEach((c) => c.classList.remove('bq-active'));
    const card = document.getElementById('bq-src-' + turn + '-' + n);
    if (!card) return;
    card.classList.add('bq-active');
    const details = card.querySelector('details');
    if (details) details.open = true;
    card.scrollIntoView({block: 'nearest', behavior: 'smooth'});
  });
}
"""

INSTALL_JS = _CLICK_JS.replace("CSS_TEXT", json.dumps(CSS))
