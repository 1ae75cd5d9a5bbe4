import { describe, expect, it } from 'vitest';
import { planSchema } from '../../../src/plan/schema.js';
import { diffPlan } from '../../../src/plan/diff.js';
import { emptyLiveState } from '../../../src/plan/live-state.js';
import { DEPARTMENT_COLLECTIONS, FUNCTION_COLLECTIONS, groupsPerCollection, presetPolicies, splitNames, templateCollections } from '../../../src/plan/templates.js';

describe('collection templates', () => {
  it('by department and by function list the guide’s collections', () => {
    expect(templateCollections('department').map((c) => c.name)).toEqual(['Finance', 'HR', 'IT', 'Sales', 'Marketing', 'Operations']);
    expect(templateCollections('function').map((c) => c.name)).toEqual(['Shared Accounts', 'Infrastructure', 'Social Media', 'Vendors']);
    expect(DEPARTMENT_COLLECTIONS).toHaveLength(6);
    expect(FUNCTION_COLLECTIONS).toHaveLength(4);
  });

  it('custom names nest with "/" and missing parents are added first, once', () => {
    expect(templateCollections('custom', splitNames(' Finance / Banking , Finance, IT/Servers/Linux,, '))).toEqual([
      { name: 'Finance' },
      { name: 'Finance/Banking' },
      { name: 'IT' },
      { name: 'IT/Servers' },
      { name: 'IT/Servers/Linux' },
    ]);
  });

  it('one group per top-level collection reaches the collection and its children', () => {
    const groups = groupsPerCollection(templateCollections('custom', ['Finance/Banking', 'HR']));
    expect(groups).toEqual([
      { name: 'Finance Team', collections: [{ collection: 'Finance', permission: 'edit' }, { collection: 'Finance/Banking', permission: 'edit' }] },
      { name: 'HR Team', collections: [{ collection: 'HR', permission: 'edit' }] },
    ]);
  });
});

describe('policy presets', () => {
  it('the recommended set puts single-org first and passes the policy catalog checks', () => {
    const policies = presetPolicies('recommended');
    expect(policies.map((p) => p.type)).toEqual([
      'single-org',
      'two-factor-authentication',
      'master-password',
      'password-generator',
      'account-recovery',
      'maximum-vault-timeout',
      'disable-personal-vault-export',
    ]);
    const plan = planSchema.parse({ version: 1, client: { name: 'A', ownerEmail: 'a@b.example', plan: 'enterprise', seats: 5 }, policies });
    const ops = diffPlan(plan, emptyLiveState()).filter((o) => o.kind === 'policy');
    expect(ops).toHaveLength(policies.length);
  });

  it('minimal and none', () => {
    expect(presetPolicies('minimal').map((p) => p.type)).toEqual(['two-factor-authentication', 'master-password']);
    expect(presetPolicies('none')).toEqual([]);
  });
});
