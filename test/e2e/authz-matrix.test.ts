/**
 * Authorization matrix: every administrative route of the sandbox × every role (provider admin and
 * service user of the managing provider, another provider's admin, owner, admin, user, Custom with
 * each permission, revoked member, no token, expired token, the org API key of another org and of
 * the org itself) must get the official server's answer: allowed (2xx, or the documented later
 * check proving authorization passed) or the exact deny status (401 / 403 / 404 / 400 masking).
 * The route list comes from the Hono app, so a new route without a row fails here.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSION_NAMES } from '../../src/protocol/organization.js';
import { buildSandboxApp } from '../../src/sandbox/app.js';
import { openStore } from '../../src/sandbox/store.js';
import { buildAuthzWorld, type AuthzWorld } from '../helpers/authz-world.js';
import { isExcluded, ROUTES, stripParamPatterns, type RouteRow } from '../helpers/authz-routes.js';

let world: AuthzWorld;

beforeAll(async () => {
  world = await buildAuthzWorld();
});
afterAll(async () => {
  await world?.close();
});

function appRoutes(): { method: string; route: string }[] {
  const dir = mkdtempSync(join(tmpdir(), 'bwmsp-authz-routes-'));
  const store = openStore({ dataDir: dir });
  try {
    const { app } = buildSandboxApp({ store, baseUrl: 'http://127.0.0.1' });
    const seen = new Map<string, { method: string; route: string }>();
    for (const r of app.routes) {
      if (r.method === 'ALL') continue;
      const route = stripParamPatterns(r.path);
      seen.set(`${r.method} ${route}`, { method: r.method, route });
    }
    return [...seen.values()];
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const key = (r: { method: string; route: string }): string => `${r.method} ${r.route}`;

describe('authorization matrix', () => {
  it('has a row (or a reasoned exclusion) for every route of the sandbox, and no row for a route it lacks', () => {
    const routes = appRoutes();
    const rows = new Set(ROUTES.map(key));
    const missing = routes.filter((r) => !rows.has(key(r)) && !isExcluded(r.method, r.route)).map(key);
    expect(missing, 'sandbox routes without an authz row or exclusion').toEqual([]);
    const known = new Set(routes.map(key));
    expect(ROUTES.map(key).filter((k) => !known.has(k)), 'rows for routes the sandbox does not have').toEqual([]);
    expect(new Set(ROUTES.map(key)).size).toBe(ROUTES.length);
  });

  it('gives every role the official allow / deny on every administrative route', async () => {
    const mismatches: string[] = [];
    let cells = 0;
    const check = async (row: RouteRow): Promise<void> => {
      for (const role of world.roles) {
        const expected = row.expect(role);
        const request = row.build(world, role);
        const response = await world.request(role, row.method, request.path, request.body);
        cells += 1;
        let ok: boolean;
        if (expected !== 'allow') ok = response.status === expected;
        else if (row.allowedAs !== undefined)
          ok = response.status === row.allowedAs.status && row.allowedAs.message.test(response.text);
        else ok = response.status >= 200 && response.status < 300;
        const seen = ok && expected === 'allow' ? row.seen?.(world, role, response.text) ?? null : null;
        if (seen !== null) mismatches.push(`${row.method} ${row.route} as ${role.name}: ${seen}`);
        if (!ok) {
          const want = expected === 'allow' ? `allow${row.allowedAs ? ` (${row.allowedAs.status} ${String(row.allowedAs.message)})` : ''}` : String(expected);
          mismatches.push(`${row.method} ${row.route} as ${role.name}: expected ${want}, got ${response.status} ${response.text.slice(0, 160)}`);
        }
      }
    };
    for (const row of ROUTES) await check(row);
    console.log(`authorization matrix: ${cells} cells, ${mismatches.length} mismatches`);
    if (process.env.BWMSP_AUTHZ_REPORT) writeFileSync(process.env.BWMSP_AUTHZ_REPORT, mismatches.join('\n'));
    expect(cells).toBe(ROUTES.length * world.roles.length);
    expect(world.roles.length).toBe(11 + PERMISSION_NAMES.length);
    expect(mismatches, mismatches.join('\n')).toEqual([]);
  }, 600_000);
});
