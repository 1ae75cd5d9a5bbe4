import { describe, expect, it } from 'vitest';
import { eventListOptions } from '../../../../src/commands/event/list.js';
import { run } from '../collection/run-cli.js';

describe('event list options', () => {
  it('collects repeated --type values and drops empty flags', () => {
    expect(eventListOptions({ args: [], opts: { client: 'C', type: ['1000', 'group-created'], since: '7d', member: '' }, commandPath: 'event list' })).toEqual({
      client: 'C',
      since: '7d',
      types: ['1000', 'group-created'],
    });
  });
});

describe('event list refuses bad input before connecting', () => {
  it.each([
    [['event', 'list', '--provider', '--client', 'C'], '--provider lists the provider event log: --client, --org and --member do not apply'],
    [['event', 'list', '--provider', '--all-clients'], 'pass --provider or --all-clients, not both'],
    [['event', 'list', '--all-clients', '--org', 'O'], 'pass --org or --all-clients, not both'],
    [['event', 'list', '--client', 'C', '--since', '1d', '--until', '7d'], 'is before --since'],
    [['event', 'list', '--client', 'C', '--since', 'last tuesday'], "--since 'last tuesday' is not a date"],
    [['event', 'list', '--client', 'C', '--type', 'colection-created'], "--type: unknown event type 'colection-created'"],
    [['event', 'list', '--client', 'C', '--limit', '0'], "--limit expects a positive whole number, got '0'"],
  ])('%j exits 2', async (argv, message) => {
    const r = await run(argv);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('suggests close event names', async () => {
    const r = await run(['event', 'list', '--client', 'C', '--type', 'colection-created']);
    expect(r.stderr).toContain('collection-created');
  });

  it('needs a login once the input is valid', async () => {
    const r = await run(['event', 'list', '--client', 'C', '--since', '7d', '--type', 'user-logged-in']);
    expect(r.code).toBe(4);
  });
});
