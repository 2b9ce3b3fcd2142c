// Reading and driving VS Code's workbench the way a person does: through what the window shows
// (the Problems panel, the editor's lines and decorations, the suggest and hover widgets) and the
// keyboard and mouse. Every wait is on a condition.

/** Polls `probe` until `accept(value)` holds; throws with the last value seen after `timeoutMs`. */
export async function waitUntil(description, probe, accept = Boolean, timeoutMs = 20_000, intervalMs = 150) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await probe();
    if (accept(last)) return last;
    if (Date.now() > deadline) {
      const shown = typeof last === 'string' ? last : JSON.stringify(last, null, 1);
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${description}; last seen: ${shown?.slice(0, 1500)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Holds while `accept(probe())` stays true for `holdMs` in a row (used to assert an absence). */
export async function holdsFor(description, probe, accept, holdMs, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let since = Date.now();
  let last;
  for (;;) {
    last = await probe();
    if (!accept(last)) since = Date.now();
    else if (Date.now() - since >= holdMs) return last;
    if (Date.now() > deadline) {
      throw new Error(`${description} did not hold for ${holdMs / 1000} s; last seen: ${JSON.stringify(last, null, 1).slice(0, 1500)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

const activeEditor = '.part.editor .editor-group-container.active .monaco-editor';

/** The workbench is up: the editor area and the status bar are rendered. */
export async function waitForWorkbench(page) {
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 90_000 });
  await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 30_000 });
}

/** Opens a workspace file through Quick Open (Ctrl+P), and waits until its editor is active. */
export async function openFile(page, name) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(name);
  // The first pick must be the file itself (recently opened files and search results both count).
  await waitUntil(
    `Quick Open to list ${name}`,
    () => page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().getAttribute('aria-label').catch(() => null),
    (label) => typeof label === 'string' && label.split(/[,\s]/)[0] === name,
  );
  await page.keyboard.press('Enter');
  await waitUntil(
    `the editor tab of ${name} to be active`,
    () => page.locator('.part.editor .tab.active').first().getAttribute('aria-label').catch(() => null),
    (label) => typeof label === 'string' && label.startsWith(name),
  );
  await page.locator(`${activeEditor} .view-lines`).waitFor({ state: 'visible' });
  await focusEditor(page);
}

/** Waits until the keyboard goes to the active editor (Ctrl+1 focuses the first editor group). */
export async function focusEditor(page) {
  const focused = () => page.evaluate((selector) => !!document.activeElement?.closest(selector), activeEditor);
  if (await focused()) return;
  await page.keyboard.press('Control+1');
  await waitUntil('the keyboard focus in the editor', focused, Boolean, 5000);
}

/** The Problems panel, opened with Ctrl+Shift+M if it is not on screen. */
export async function showProblems(page) {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible().catch(() => false))) {
    await page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
  }
}

/**
 * Narrows the Problems panel to the files matching `glob` ('' shows all again): the panel lists only the rows that
 * fit on screen, so a row under many others is found by filtering, as a person would.
 */
export async function filterProblems(page, glob) {
  await showProblems(page);
  const input = page.locator('.part.panel .viewpane-filter input').first();
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(glob);
}

/**
 * The rows of the Problems panel as displayed: each marker with the file it is listed under, its
 * severity icon, its text, and the `[Ln N, Col M]` it shows.
 */
export async function readProblems(page) {
  return page.evaluate(() => {
    const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')].sort(
      (a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')),
    );
    const out = [];
    let file;
    for (const row of rows) {
      const level = row.getAttribute('aria-level');
      const text = (row.innerText || '').replace(/\s+/g, ' ').trim();
      if (level === '1') {
        file = (row.querySelector('.label-name')?.textContent ?? text).trim();
      } else if (level === '2') {
        const at = /\[Ln (\d+), Col (\d+)\]/.exec(text);
        const code = /\b(IST\d{4}|IY\d{4})\b/.exec(text);
        const severity = row.querySelector('.codicon-error')
          ? 'error'
          : row.querySelector('.codicon-warning')
            ? 'warning'
            : row.querySelector('.codicon-info')
              ? 'info'
              : 'unknown';
        out.push({ file, severity, code: code?.[1], line: at ? Number(at[1]) : undefined, col: at ? Number(at[2]) : undefined, text });
      }
    }
    return out;
  });
}

/** The active editor's visible lines as displayed, keyed by the line number in the gutter. */
export async function editorLines(page) {
  return page.evaluate((selector) => {
    const editor = document.querySelector(selector);
    if (!editor) return {};
    const numbers = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].map((el) => ({
      top: el.getBoundingClientRect().top,
      line: Number(el.textContent.trim()),
    }));
    const lineAt = (top) => numbers.find((n) => Math.abs(n.top - top) < 3)?.line;
    const out = {};
    for (const el of editor.querySelectorAll('.view-lines .view-line')) {
      const line = lineAt(el.getBoundingClientRect().top);
      if (line) out[line] = el.textContent.replace(/\u00a0/g, ' ');
    }
    return out;
  }, activeEditor);
}

/** The squiggly decorations of the active editor: the gutter line each one is drawn on. */
export async function squiggles(page) {
  return page.evaluate((selector) => {
    const editor = document.querySelector(selector);
    if (!editor) return [];
    const numbers = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].map((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, line: Number(el.textContent.trim()) };
    });
    return [...editor.querySelectorAll('.view-overlays [class*="squiggly-"]')].map((el) => {
      const r = el.getBoundingClientRect();
      const middle = (r.top + r.bottom) / 2;
      const kind = /squiggly-(error|warning|info|hint)/.exec(el.className)?.[1] ?? el.className;
      return { kind, line: numbers.find((n) => n.top <= middle && middle < n.bottom)?.line };
    });
  }, activeEditor);
}

/** Moves the cursor with Go to Line (Ctrl+G) and waits for the status bar to show the position. */
export async function goTo(page, line, col) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}:${col}`);
  await page.keyboard.press('Enter');
  await waitUntil(
    `the cursor at Ln ${line}, Col ${col}`,
    () => page.locator('.statusbar-item[id="status.editor.selection"]').innerText().catch(() => ''),
    (text) => text.trim() === `Ln ${line}, Col ${col}`,
  );
}

/** The screen rectangle of `text` on editor line `line` (the first occurrence). */
export async function textBox(page, line, text) {
  return page.evaluate(
    ({ selector, line, text }) => {
      const editor = document.querySelector(selector);
      if (!editor) return null;
      const number = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].find(
        (el) => Number(el.textContent.trim()) === line,
      );
      if (!number) return null;
      const top = number.getBoundingClientRect().top;
      const view = [...editor.querySelectorAll('.view-lines .view-line')].find(
        (el) => Math.abs(el.getBoundingClientRect().top - top) < 3,
      );
      if (!view) return null;
      const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent.replace(/\u00a0/g, ' ').indexOf(text);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        const r = range.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }
      return null;
    },
    { selector: activeEditor, line, text },
  );
}

/** The suggest widget's rows as displayed: label and whether it is the focused one. */
export async function suggestions(page) {
  return page.evaluate(() => {
    const widget = document.querySelector('.editor-widget.suggest-widget');
    if (!widget || !widget.classList.contains('visible')) return [];
    return [...widget.querySelectorAll('.monaco-list-row')]
      .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
      .map((row) => ({
        label: (row.querySelector('.label-name')?.textContent ?? '').trim(),
        focused: row.classList.contains('focused'),
      }));
  });
}

/**
 * Every label of the open suggest widget. The list is virtual (about a dozen rows in the DOM), so
 * it is paged through with PageDown, as a person scrolls it.
 */
export async function allSuggestionLabels(page) {
  const labels = new Set();
  let previous;
  for (let i = 0; i < 40; i++) {
    const rows = await suggestions(page);
    for (const row of rows) labels.add(row.label);
    const focused = rows.find((r) => r.focused)?.label;
    if (focused === undefined || focused === previous) break;
    previous = focused;
    await page.keyboard.press('PageDown');
    await waitUntil('the suggest list to page', () => suggestions(page), (next) => next.find((r) => r.focused)?.label !== focused, 1500).catch(() => {});
  }
  return [...labels];
}

/** Moves the suggest widget's focus to `label` with the arrow keys, then accepts it with Enter. */
export async function acceptSuggestion(page, label) {
  for (let i = 0; i < 30; i++) {
    const rows = await suggestions(page);
    const focused = rows.find((r) => r.focused);
    if (focused?.label === label) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('ArrowDown');
    await waitUntil('the suggest focus to move', () => suggestions(page), (next) => next.find((r) => r.focused)?.label !== focused?.label, 2000).catch(() => {});
  }
  throw new Error(`could not focus "${label}" in the suggest widget: ${JSON.stringify(await suggestions(page))}`);
}

/** The text of the editor hover widget, or '' when none is shown. */
export async function hoverText(page) {
  return page.evaluate(() => {
    const hovers = [...document.querySelectorAll('.monaco-editor .monaco-hover')].filter(
      (el) => !el.classList.contains('hidden') && el.getBoundingClientRect().height > 0,
    );
    return hovers.map((el) => el.innerText.replace(/\s+/g, ' ').trim()).join('\n');
  });
}

/** The status bar item of the Istio YAML extension ('' when absent). */
export async function istioStatus(page) {
  return page.evaluate(() => {
    const item = [...document.querySelectorAll('.part.statusbar .statusbar-item')].find((el) => /\bIstio\b/.test(el.innerText));
    if (!item) return '';
    const icon = item.querySelector('.codicon');
    return `${icon ? `[${[...icon.classList].find((c) => c.startsWith('codicon-'))}] ` : ''}${item.innerText.trim()}`;
  });
}

/**
 * Starts recording every state the Istio status bar item goes through (a MutationObserver on the
 * status bar, so a state shown only briefly is not missed by polling); returns a function that
 * stops recording and resolves with the states seen, in order, as `istioStatus` formats them.
 */
export async function recordIstioStatus(page) {
  await page.evaluate(() => {
    const read = () => {
      const item = [...document.querySelectorAll('.part.statusbar .statusbar-item')].find((el) => /\bIstio\b/.test(el.innerText));
      if (!item) return '';
      const icon = item.querySelector('.codicon');
      return `${icon ? `[${[...icon.classList].find((c) => c.startsWith('codicon-'))}] ` : ''}${item.innerText.trim()}`;
    };
    window.__istioStatusObserver?.disconnect();
    const seen = [read()];
    window.__istioStatusSeen = seen;
    window.__istioStatusObserver = new MutationObserver(() => {
      const now = read();
      if (now !== seen.at(-1)) seen.push(now);
    });
    window.__istioStatusObserver.observe(document.querySelector('.part.statusbar'), { subtree: true, childList: true, characterData: true, attributes: true });
  });
  return () =>
    page.evaluate(() => {
      window.__istioStatusObserver?.disconnect();
      window.__istioStatusObserver = undefined;
      return window.__istioStatusSeen ?? [];
    });
}

/** The texts of the notification toasts on screen. */
export async function notifications(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.notifications-toasts .notification-toast .notification-list-item-message')].map((el) => el.innerText.replace(/\s+/g, ' ').trim()),
  );
}

/** The breadcrumbs bar of the active editor (file, then the document symbol at the cursor). */
export async function breadcrumbs(page) {
  return page
    .locator('.part.editor .editor-group-container.active .breadcrumbs-control')
    .first()
    .innerText()
    .then((t) => t.replace(/\s+/g, ' ').trim())
    .catch(() => '');
}

const quickInput = '.quick-input-widget .quick-input-box input';

/**
 * Runs a command by its title from the Command Palette (F1), as a person does. The palette is sometimes inert for a
 * moment (a quick input closing, focus coming back from a webview): then it is closed and opened again.
 */
export async function runCommand(page, title) {
  for (let attempt = 1; ; attempt++) {
    try {
      await paletteCommand(page, title);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500);
    }
  }
}

async function paletteCommand(page, title) {
  // A quick input still closing (just accepted) leaves the next one inert for a moment.
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator(quickInput);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`, { timeout: 8000 });
  await waitUntil(
    `the Command Palette to offer "${title}"`,
    () => page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().getAttribute('aria-label').catch(() => null),
    (label) => typeof label === 'string' && label.startsWith(title),
    10_000,
  );
  await page.keyboard.press('Enter');
}

/** Waits for an input box or quick pick whose title contains `title`; returns its current value. */
export async function waitForQuickInput(page, title) {
  await waitUntil(
    `an input titled "${title}"`,
    () => page.locator('.quick-input-widget .quick-input-title').first().innerText().catch(() => ''),
    (text) => text.includes(title),
    15_000,
  );
  return page.locator(quickInput).inputValue();
}

/** Types `value` into the open input box (replacing what it holds) and accepts it. */
export async function answerInput(page, value) {
  await page.locator(quickInput).fill(value);
  await page.keyboard.press('Enter');
}

/**
 * The rows of the tree whose rows include one labelled `marker...` (a tree view's list is found by what it shows,
 * wherever the view sits): each row's label and description as displayed.
 */
export async function treeRows(page, marker) {
  return page.evaluate((marker) => {
    const hit = [...document.querySelectorAll('.monaco-list-row .label-name')].find((el) => (el.textContent ?? '').trim().startsWith(marker));
    const list = hit?.closest('.monaco-list');
    if (!list) return [];
    return [...list.querySelectorAll('.monaco-list-row')]
      .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
      .map((row) => ({
        label: (row.querySelector('.label-name')?.textContent ?? '').trim(),
        description: (row.querySelector('.label-description')?.textContent ?? '').trim(),
      }));
  }, marker);
}
