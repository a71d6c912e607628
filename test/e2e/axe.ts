import AxeBuilder from '@axe-core/playwright';
import type { Frame, Page } from 'playwright-core';

/** The rules the scan runs: WCAG 2.1 A and AA, and Label in Name (axe ships it as experimental, off by default). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const AXE_EXTRA_RULES = ['label-content-name-mismatch'];

/**
 * The accessibility violations axe (`@axe-core/playwright`) finds in one webview of the
 * workbench `page`: `content` is the webview's content frame (the one holding our page), and
 * `background` the CSS variable of the colour VS Code paints behind it (`--vscode-sideBar-background`
 * for a view, `--vscode-editor-background` for a panel): axe cannot see through the frames and
 * would take a transparent page to be on white. Runs the WCAG tags and the extra rules as two
 * scans, since axe runs only the rules of the tags it is given. Resolves to one line per
 * violation and element ("rule (impact): help: target: html"), empty when there is none.
 */
export async function axeViolations(page: Page, content: Frame, background: string): Promise<string[]> {
  const host = content.parentFrame();
  if (!host) throw new Error('a webview content frame has a host frame around it');
  // Frame selectors for axe: mark the two iframes (the workbench's, and the webview's own).
  await (
    await host.frameElement()
  ).evaluate((element) =>
    (element as { setAttribute(name: string, value: string): void }).setAttribute('data-axe-scan', 'host'),
  );
  await (await content.frameElement()).evaluate((element) => element.setAttribute('data-axe-scan', 'content'));
  await content.evaluate(`(() => {
    const root = document.documentElement;
    root.style.backgroundColor = getComputedStyle(root).getPropertyValue(${JSON.stringify(background)}).trim();
  })()`);
  const scope: { fromFrames: [string, string, ...string[]] } = {
    fromFrames: ['iframe[data-axe-scan="host"]', 'iframe[data-axe-scan="content"]', 'html'],
  };
  const lines: string[] = [];
  try {
    for (const [builder, mustApply] of [
      [new AxeBuilder({ page }).include(scope).withTags(AXE_TAGS), true],
      [new AxeBuilder({ page }).include(scope).withRules(AXE_EXTRA_RULES), false],
    ] as const) {
      const results = await builder.analyze();
      // A scope that matched nothing passes every rule: the WCAG rules must have checked elements
      // inside the webview's content frame (their targets run through both iframes). Label in
      // Name applies only to elements with both an aria-label and visible text, which may be none.
      const inside = results.passes.some((rule) => rule.nodes.some((node) => node.target.length === 3));
      if (mustApply && !inside) {
        throw new Error(
          `axe checked nothing inside the webview (${results.passes.length} rules passed, ${results.violations.length} violated, targets ${JSON.stringify(results.passes.slice(0, 3).map((rule) => rule.nodes[0]?.target))})`,
        );
      }
      for (const violation of results.violations) {
        for (const node of violation.nodes) {
          lines.push(
            `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help}: ${JSON.stringify(node.target)}: ${node.html.slice(0, 200)}: ${(node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300)}`,
          );
        }
      }
    }
  } finally {
    await (await host.frameElement()).evaluate((element) => element.removeAttribute('data-axe-scan'));
    await (await content.frameElement()).evaluate((element) => element.removeAttribute('data-axe-scan'));
  }
  return lines;
}
