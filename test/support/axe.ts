import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core's browser bundle, read once (a devDependency; the app never ships it). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type AxeImpact = 'minor' | 'moderate' | 'serious' | 'critical';

/** The part of an axe-core violation the tests read (this file is type-checked without the DOM library). */
export interface AxeViolation {
  id: string;
  impact: AxeImpact | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules and axe's best practices) on the page as it is now and returns
 * every violation. The bundle goes in through page.evaluate (the DevTools protocol), not a <script> tag: the app's
 * Content-Security-Policy allows no inline script, and the page under test keeps its real CSP.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  return (await page.evaluate(`window.axe.run(document, {
    resultTypes: ['violations'],
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }).then((r) => r.violations.map((v) => ({
    id: v.id, impact: v.impact ?? null, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
  })))`)) as AxeViolation[];
}

/** Serious or critical violations only: the ones the issue forbids. */
export const seriousOrCritical = (violations: readonly AxeViolation[]) => violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');

/** One readable block per violation: rule, impact, what it asks, and the elements that fail it (at most 8 shown). */
export function formatViolations(violations: readonly AxeViolation[]): string {
  if (violations.length === 0) return 'no violations';
  return violations
    .map((v) => {
      const targets = v.nodes.slice(0, 8).map((n) => {
        const summary = (n.failureSummary ?? '').split('\n').filter((l) => l.trim() && !/^Fix (any|all)/.test(l.trim())).map((l) => l.trim()).join('; ');
        return `    - ${n.target.map(String).join(' >>> ')}${summary ? `\n      ${summary}` : ''}`;
      });
      const more = v.nodes.length > 8 ? [`    … and ${v.nodes.length - 8} more`] : [];
      return [`  ${v.id} [${v.impact ?? 'no impact'}] ${v.help} (${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'}) ${v.helpUrl}`, ...targets, ...more].join('\n');
    })
    .join('\n');
}
