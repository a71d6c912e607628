/**
 * The WAI-ARIA toolbar pattern for a row's actions (https://www.w3.org/WAI/ARIA/apg/patterns/toolbar/):
 * the toolbar is one Tab stop, its last focused button (roving tabindex); Left and Right move
 * between its buttons, wrapping, and Home and End go to the first and the last.
 */
import { toolbarIndexForKey } from '../../core/toolbarKeys';

/** The buttons of `toolbar` a user can reach: the ones shown. */
function buttonsOf(toolbar: HTMLElement): HTMLElement[] {
  return [...toolbar.querySelectorAll<HTMLElement>('button')].filter((button) => !button.hidden);
}

/**
 * Makes `button` the toolbar's one Tab stop (tabindex 0, the others -1). With no `button`,
 * the first one is, unless one already holds the stop. Changes nothing outside `toolbar`.
 */
export function setToolbarStop(toolbar: HTMLElement, button?: HTMLElement): void {
  const buttons = buttonsOf(toolbar);
  const stop = button ?? buttons.find((candidate) => candidate.tabIndex === 0) ?? buttons[0];
  for (const candidate of buttons) candidate.tabIndex = candidate === stop ? 0 : -1;
}

/**
 * Wires the pattern onto every `[role="toolbar"]` inside `root`, now and as rows are drawn
 * again: a button that takes the focus becomes its toolbar's stop, and the arrows, Home and
 * End move the focus inside the toolbar. Listens on `root` only; returns nothing.
 */
export function wireToolbars(root: HTMLElement): void {
  root.addEventListener('focusin', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLElement>('[role="toolbar"] button');
    const toolbar = button?.closest<HTMLElement>('[role="toolbar"]');
    if (button && toolbar) setToolbarStop(toolbar, button);
  });
  root.addEventListener('keydown', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLElement>('[role="toolbar"] button');
    const toolbar = button?.closest<HTMLElement>('[role="toolbar"]');
    if (!button || !toolbar) return;
    const buttons = buttonsOf(toolbar);
    const next = toolbarIndexForKey(event.key, buttons.indexOf(button), buttons.length);
    if (next === undefined) return;
    event.preventDefault();
    buttons[next]?.focus();
  });
}
