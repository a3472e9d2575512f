import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uk } from '../i18n/uk';
import { en } from '../i18n/en';
import { ACTIONS } from './auditActions';

const API_SRC = join(__dirname, '../../../api/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

const label = (messages: unknown, action: string) =>
  ['audit', 'actions', ...action.split('.')].reduce<unknown>(
    (node, k) => (node as Record<string, unknown> | undefined)?.[k],
    messages,
  );

describe('audit action labels', () => {
  it('lists every dotted action the API writes with a literal', () => {
    const written = new Set<string>();
    for (const file of sources(API_SRC)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/action: '([a-z_]+\.[a-z_]+)'/g))
        written.add(m[1]!);
    }
    expect(written.size).toBeGreaterThan(10);
    for (const a of written) expect(ACTIONS, a).toContain(a);
  });

  it('gives every action a Ukrainian and an English label', () => {
    for (const a of ACTIONS) {
      expect(typeof label(uk, a), `uk ${a}`).toBe('string');
      expect(typeof label(en, a), `en ${a}`).toBe('string');
    }
  });
});
