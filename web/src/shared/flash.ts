import { h } from './dom.js';

/**
 * A message that stays above the page through the navigation that follows it (submission sent, decision
 * saved, …) and goes on the next one.
 */
let shownAt = 0;

export function flash(message: string, kind: 'ok' | 'error' = 'ok'): void {
  shownAt = Date.now();
  document
    .getElementById('flash')
    ?.replaceChildren(h('p', { class: `banner ${kind}`, role: 'status' }, message));
}

/** Called on each navigation: a message older than the navigation that showed it is cleared. */
export function clearStaleFlash(): void {
  if (Date.now() - shownAt > 3000) document.getElementById('flash')?.replaceChildren();
}
