/**
 * Keeps the keyboard's place when the page changes under it (WCAG 2.4.3).
 *
 * Chromium sends the focus to `<body>` when the focused element is disabled, removed, or
 * moved (a keyed list re-ordering live moves its node out and back in). A keyboard or
 * screen-reader user then starts again from the top of the page. This watches for that and
 * puts the focus back, in this order:
 *   1. the same element, once it is back and usable (moved, or enabled again after a send);
 *   2. its replacement: an element with the same `data-focus-key` (the Edit button after
 *      Save, the card's next action after "Approve" removed its own button);
 *   3. the nearest `data-focus-home` around where it was that is still there (a list, a
 *      card, a form), or the first focusable element inside it when the home itself is not.
 * A component that knows a better place moves the focus itself (`focusAfterUpdate`); this
 * is the net under every action. It never acts after a pointer press: a person who clicks
 * the page's background means to leave the focus there.
 */

/** How long a disabled element is waited for before its home takes the focus instead. */
const WAIT_FOR_SAME_MS = 1_500;
/** How long a control that left the page is given to come back (or be replaced) before its home takes the focus. */
const GRACE_MS = 600;
/** Past this, nothing that was waited for came: the keeper stops looking. */
const GIVE_UP_MS = 5_000;
/** After a change, the browser moves the focus off a disabled element at its next frame. */
const RECHECK_MS = 80;

const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';

function usable(element: Element | null): boolean {
  if (!(element instanceof HTMLElement) || !element.isConnected) return false;
  if (element.matches(':disabled') || element.closest('[inert], [hidden]')) return false;
  return element.getClientRects().length > 0;
}

function focusableIn(home: HTMLElement): HTMLElement | null {
  if (home.hasAttribute('tabindex') && usable(home)) return home;
  return [...home.querySelectorAll<HTMLElement>(FOCUSABLE)].find(usable) ?? null;
}

/** Installs the keeper on `doc`; returns what removes it. */
export function keepFocus(doc: Document = document): () => void {
  let last: HTMLElement | null = null;
  let key: string | null = null;
  let homes: HTMLElement[] = [];
  let lostAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * The focus is nowhere a person put it: on <body>, or inside a preview frame kept out of
   * the tab order (the moderator's miniature room screen, whose own page may take the focus
   * when it updates).
   */
  function lost(): boolean {
    const active = doc.activeElement;
    if (active instanceof HTMLIFrameElement) return active.tabIndex < 0;
    return (active === null || active === doc.body || active === doc.documentElement) && doc.hasFocus();
  }

  function replacementFor(gone: HTMLElement, waited: number): HTMLElement | null {
    if (usable(gone)) return gone;
    const twins = key === null ? [] : [...doc.querySelectorAll<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`)];
    const twin = twins.find(usable);
    if (twin) return twin;
    // A disabled control (or its disabled replacement) comes back enabled when its request ends,
    // and a replacement may arrive a moment after its original left (a live update, then the
    // answer): give them that chance before settling for the home.
    const waiting = gone.isConnected || twins.some((candidate) => candidate.isConnected);
    if (waited < (waiting ? WAIT_FOR_SAME_MS : GRACE_MS)) return null;
    for (const home of homes) {
      const found = home.isConnected ? focusableIn(home) : null;
      if (found) return found;
    }
    return null;
  }

  function restore(): void {
    clearTimeout(timer);
    timer = undefined;
    if (last === null || !lost()) {
      lostAt = 0;
      return;
    }
    lostAt ||= Date.now();
    const waited = Date.now() - lostAt;
    const target = replacementFor(last, waited);
    if (target) {
      target.focus();
      return;
    }
    // Still waiting for the same control or its replacement: look again shortly, for a while.
    if (waited < GIVE_UP_MS) timer = setTimeout(restore, RECHECK_MS);
  }

  /**
   * Looks again once the current task is over: never inside a focus change (between the old
   * element's focusout and the new one's focusin the page's active element is <body>), and
   * once more a frame later, when the browser moves the focus off a control just disabled.
   */
  function schedule(): void {
    if (last === null) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (lost()) restore();
      else timer = setTimeout(restore, RECHECK_MS);
    }, 0);
  }

  function focusin(event: FocusEvent): void {
    if (!(event.target instanceof HTMLElement) || event.target === doc.body) return;
    if (event.target instanceof HTMLIFrameElement && event.target.tabIndex < 0) return;
    last = event.target;
    key = last.dataset['focusKey'] ?? null;
    homes = [];
    for (let node = last.parentElement?.closest<HTMLElement>('[data-focus-home]'); node; node = node.parentElement?.closest<HTMLElement>('[data-focus-home]')) {
      homes.push(node);
    }
    lostAt = 0;
  }

  function pointerdown(): void {
    // The click's own target takes the focus (focusin) if it can; anything else is the person's choice.
    last = null;
    clearTimeout(timer);
  }

  const observer = new MutationObserver(schedule);
  observer.observe(doc.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'hidden', 'inert'] });
  doc.addEventListener('focusin', focusin);
  doc.addEventListener('focusout', schedule);
  doc.addEventListener('pointerdown', pointerdown, true);
  return () => {
    observer.disconnect();
    clearTimeout(timer);
    doc.removeEventListener('focusin', focusin);
    doc.removeEventListener('focusout', schedule);
    doc.removeEventListener('pointerdown', pointerdown, true);
  };
}
