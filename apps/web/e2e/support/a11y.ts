import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** WCAG 2.0 and 2.1, levels A and AA, and axe's best practices (landmarks, headings). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/**
 * Best-practice rules that fail the audit although axe calls them moderate: duplicate landmarks, a
 * skipped heading level and content outside every landmark were defects we got rid of, so they stay gone.
 */
const ALSO_FAILING = new Set([
  'region',
  'heading-order',
  'landmark-unique',
  'landmark-no-duplicate-banner',
  'landmark-no-duplicate-contentinfo',
  'landmark-no-duplicate-main',
  'landmark-one-main',
]);

type Result = Pick<axe.Result, 'id' | 'impact' | 'help' | 'helpUrl'> & {
  nodes: { target: unknown[]; failureSummary?: string }[];
};

/**
 * Runs axe-core inside the page as it is now and throws listing every serious or critical violation
 * (and those of ALSO_FAILING): rule, what it asks, the elements' selectors, the page's address. Call it
 * once the page's content is visible; `withPage` also calls it on the page each test ends on.
 */
export async function audit(page: Page, label: string): Promise<void> {
  const failing = (await axeViolations(page)).filter(
    (v) => v.impact === 'serious' || v.impact === 'critical' || ALSO_FAILING.has(v.id),
  );
  if (failing.length === 0) return;
  const lines = failing.flatMap((v) => [
    `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`,
    ...v.nodes.map((n) => `      ${n.target.map(String).join(' ')}`),
  ]);
  throw new Error(
    `Accessibility (${label}) at ${page.url()}: ${failing.length} violation(s)\n${lines.join('\n')}`,
  );
}

/** Every violation axe-core finds in the page as it is now, of any impact. */
export async function axeViolations(page: Page): Promise<Result[]> {
  // Evaluated, not added as a <script>: the app's Content-Security-Policy rightly refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const violations = await page.evaluate(async (tags) => {
    const { violations } = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    // Only plain data crosses back to Node.
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  }, TAGS);
  return [...(violations as Result[]), ...(await chartsWithoutTable(page))];
}

/**
 * Every chart has a table alternative, a real <table> with a caption beside it (in the same
 * section or figure). axe cannot know that a drawing has one, so this check is ours.
 */
async function chartsWithoutTable(page: Page): Promise<Result[]> {
  const targets = await page.evaluate(() =>
    [...document.querySelectorAll('.recharts-wrapper')]
      .filter((chart) => {
        const around = chart.closest('figure, section');
        const tables = around ? [...around.querySelectorAll('table')] : [];
        return !tables.some((t) => (t.caption?.textContent ?? '').trim() !== '');
      })
      .map((chart) =>
        chart.closest('[id]') ? `#${chart.closest('[id]')!.id} .recharts-wrapper` : '.recharts-wrapper',
      ),
  );
  if (targets.length === 0) return [];
  return [
    {
      id: 'chart-table-alternative',
      impact: 'serious',
      help: 'A chart needs a table with a caption beside it, carrying the same numbers',
      helpUrl: 'https://www.w3.org/WAI/tutorials/images/complex/',
      nodes: targets.map((t) => ({ target: [t] })),
    },
  ];
}
