import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientSlug, runOnboardWizard, wizardRequested, type WizardOptions } from '../../../../src/domain/onboard-wizard.js';
import { InputError, UsageError } from '../../../../src/errors.js';
import { loadPlan } from '../../../../src/plan/load.js';
import { cannotPrompt, type PromptBase, type Prompter } from '../../../../src/ui/prompter.js';

/** Answers questions in order and records which flag each question named. */
function scripted(answers: (string | boolean)[]) {
  const asked: { message: string; flag: string }[] = [];
  const next = (q: PromptBase, validate?: (v: string) => true | string) => {
    asked.push({ message: q.message, flag: q.flag });
    if (answers.length === 0) throw new Error(`no scripted answer for '${q.message}'`);
    const answer = answers.shift() as string | boolean;
    if (validate && typeof answer === 'string') {
      const ok = validate(answer);
      if (ok !== true) throw new Error(`'${q.message}' rejected '${answer}': ${ok}`);
    }
    return answer;
  };
  const prompter: Prompter = {
    input: async (q) => {
      const a = next(q, q.validate);
      return a === '' && q.default !== undefined ? q.default : String(a);
    },
    password: async (q) => String(next(q)),
    confirm: async (q) => Boolean(next(q)),
    select: async <T extends string>(q: PromptBase & { choices: readonly { value: T }[] }) => {
      const a = String(next(q));
      if (!q.choices.some((c) => c.value === a)) throw new Error(`'${a}' is not a choice of '${q.message}'`);
      return a as T;
    },
  };
  return { prompter, asked, left: answers };
}

const refusing: Prompter = {
  input: async (q) => Promise.reject(cannotPrompt({ noPromptReason: 'stdin is not a terminal' }, q)),
  password: async (q) => Promise.reject(cannotPrompt({ noPromptReason: 'stdin is not a terminal' }, q)),
  confirm: async (q) => Promise.reject(cannotPrompt({ noPromptReason: 'stdin is not a terminal' }, q)),
  select: async (q) => Promise.reject(cannotPrompt({ noPromptReason: 'stdin is not a terminal' }, q)),
};

const tmp = () => mkdtempSync(join(tmpdir(), 'bwmsp-wizard-'));

describe('onboarding wizard', () => {
  it('asks in the guide’s order and builds the plan from the answers', async () => {
    const dir = tmp();
    const file = join(dir, 'northwind.yaml');
    const s = scripted([
      'Northwind Traders',
      file,
      'Owner@Northwind.example',
      'enterprise',
      '30',
      'custom',
      'Finance, Finance/Banking, IT',
      'custom',
      'Accounting',
      'Finance, Finance/Banking:read-only',
      'IT Admins',
      'IT:manage',
      '',
      'recommended',
      'typed',
      'ann@northwind.example',
      'admin',
      'IT Admins',
      'bob@northwind.example',
      'user',
      'accounting, it admins',
      '',
    ]);
    const result = await runOnboardWizard({ force: false }, { prompter: s.prompter, canPrompt: true });
    expect(s.left).toEqual([]);
    expect(s.asked.map((q) => q.flag)).toEqual([
      '--name',
      '--write-plan',
      '--owner-email',
      '--plan-type',
      '--seats',
      '--collections-template',
      '--collections',
      '--groups',
      '--groups',
      '--groups',
      '--groups',
      '--groups',
      '--groups',
      '--policy-preset',
      '--members (or --members-csv)',
      '--members',
      '--members',
      '--members',
      '--members',
      '--members',
      '--members',
      '--members',
    ]);
    expect(result.file).toBe(file);
    expect(result.plan.client).toEqual({ name: 'Northwind Traders', ownerEmail: 'owner@northwind.example', plan: 'enterprise', seats: 30 });
    expect(result.plan.collections.map((c) => c.name)).toEqual(['Finance', 'Finance/Banking', 'IT']);
    expect(result.plan.groups).toEqual([
      { name: 'Accounting', collections: [{ collection: 'Finance', permission: 'edit' }, { collection: 'Finance/Banking', permission: 'read-only' }] },
      { name: 'IT Admins', collections: [{ collection: 'IT', permission: 'manage' }] },
    ]);
    expect(result.plan.policies[0]?.type).toBe('single-org');
    expect(result.plan.members).toEqual([
      { email: 'ann@northwind.example', role: 'admin', permissions: [], groups: ['IT Admins'], collections: [] },
      { email: 'bob@northwind.example', role: 'user', permissions: [], groups: ['Accounting', 'IT Admins'], collections: [] },
    ]);
  });

  it('the same answers as flags, with no terminal, make the same plan and ask nothing', async () => {
    const dir = tmp();
    const options: WizardOptions = {
      name: 'Northwind Traders',
      writePlan: join(dir, 'nw.yaml'),
      ownerEmail: 'owner@northwind.example',
      planType: 'enterprise',
      seats: '30',
      collections: 'Finance,Finance/Banking,IT',
      groups: ['Accounting=Finance,Finance/Banking:read-only', 'IT Admins=IT:manage'],
      policyPreset: 'recommended',
      members: ['ann@northwind.example:admin:IT Admins', 'bob@northwind.example:user:Accounting;IT Admins'],
      force: false,
    };
    expect(wizardRequested(options)).toBe(true);
    const result = await runOnboardWizard(options, { prompter: refusing, canPrompt: false });
    expect(result.plan.groups.map((g) => g.name)).toEqual(['Accounting', 'IT Admins']);
    expect(result.plan.members.map((m) => [m.email, m.role, m.groups])).toEqual([
      ['ann@northwind.example', 'admin', ['IT Admins']],
      ['bob@northwind.example', 'user', ['Accounting', 'IT Admins']],
    ]);
    writeFileSync(options.writePlan as string, result.text);
    expect(loadPlan(options.writePlan as string).plan).toEqual(result.plan);
  });

  it('templates by flag: department collections, one group each, default file name from the client', async () => {
    const result = await runOnboardWizard(
      { name: 'Contoso Ltd.', ownerEmail: 'it@contoso.example', planType: 'enterprise', seats: '40', collectionsTemplate: 'department', groups: ['per-collection'], policyPreset: 'minimal', members: ['none'], force: false },
      { prompter: refusing, canPrompt: false },
    );
    expect(result.file).toBe('contoso-ltd.yaml');
    expect(result.plan.groups.map((g) => g.name)).toEqual(['Finance Team', 'HR Team', 'IT Team', 'Sales Team', 'Marketing Team', 'Operations Team']);
    expect(result.plan.members).toEqual([]);
    expect(clientSlug('Ünïcode & Co')).toBe('unicode-co');
  });

  it('without a terminal a missing answer is a usage error naming its flag', async () => {
    const base: WizardOptions = { name: 'A', ownerEmail: 'a@a.example', planType: 'enterprise', seats: '3', collectionsTemplate: 'function', groups: ['none'], policyPreset: 'none', members: ['none'], force: false };
    for (const [key, flag] of [
      ['ownerEmail', '--owner-email'],
      ['seats', '--seats'],
      ['collectionsTemplate', '--collections-template'],
      ['groups', '--groups'],
      ['policyPreset', '--policy-preset'],
      ['members', '--members'],
    ] as const) {
      const error = await runOnboardWizard({ ...base, [key]: undefined }, { prompter: refusing, canPrompt: false }).catch((e: unknown) => e);
      expect(error, key).toBeInstanceOf(UsageError);
      expect((error as Error).message, key).toContain(`pass ${flag}`);
    }
  });

  it('bad flag values name the flag and the value', async () => {
    const base: WizardOptions = { name: 'A', ownerEmail: 'a@a.example', planType: 'enterprise', seats: '3', collections: 'Finance', groups: ['none'], policyPreset: 'none', members: ['none'], force: false };
    const cases: [Partial<WizardOptions>, RegExp][] = [
      [{ seats: '0' }, /--seats 0: a whole number/],
      [{ ownerEmail: 'nope' }, /--owner-email nope: enter an e-mail/],
      [{ planType: 'free' }, /--plan-type free: use teams, enterprise/],
      [{ groups: ['Team=Payroll'] }, /--groups Team=Payroll: collection 'Payroll' is not in the plan's collections \(Finance\)/],
      [{ groups: ['Team=Finance:write'] }, /permission 'write' is not one of/],
      [{ members: ['x@y.example:boss'] }, /--members x@y\.example:boss: role 'boss': use owner, admin, user/],
      [{ members: ['x@y.example:user:Nope'] }, /group 'Nope' is not in the plan's groups/],
      [{ collections: 'A//B' }, /--collections A\/\/B/],
      [{ planType: 'teams', policyPreset: 'recommended' }, /security policies need the enterprise plan/],
      [{ membersCsv: '/nonexistent/people.csv', members: undefined }, /--members-csv \/nonexistent\/people\.csv: cannot read/],
    ];
    for (const [change, pattern] of cases) {
      await expect(runOnboardWizard({ ...base, ...change }, { prompter: refusing, canPrompt: false }), pattern.source).rejects.toThrow(pattern);
    }
  });

  it('refuses an existing plan file without --force', async () => {
    const dir = tmp();
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'x');
    const options: WizardOptions = { name: 'A', writePlan: file, ownerEmail: 'a@a.example', planType: 'teams', seats: '3', collectionsTemplate: 'function', groups: ['none'], members: ['none'], force: false };
    await expect(runOnboardWizard(options, { prompter: refusing, canPrompt: false })).rejects.toBeInstanceOf(InputError);
    const result = await runOnboardWizard({ ...options, force: true }, { prompter: refusing, canPrompt: false });
    expect(result.plan.policies).toEqual([]);
  });

  it('a members CSV is checked and referenced relative to the plan file', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'people.csv'), 'email,role,groups\ncarl@a.example,user,Vendors Team\n');
    const result = await runOnboardWizard(
      { name: 'A', writePlan: join(dir, 'plans-a.yaml'), ownerEmail: 'a@a.example', planType: 'enterprise', seats: '3', collectionsTemplate: 'function', groups: ['per-collection'], policyPreset: 'none', membersCsv: join(dir, 'people.csv'), force: false },
      { prompter: refusing, canPrompt: false },
    );
    expect(result.plan.membersCsv).toBe('people.csv');
    writeFileSync(join(dir, 'people.csv'), 'email,role,groups\ncarl@a.example,user,Nobody\n');
    await expect(
      runOnboardWizard(
        { name: 'A', writePlan: join(dir, 'plans-b.yaml'), ownerEmail: 'a@a.example', planType: 'enterprise', seats: '3', collectionsTemplate: 'function', groups: ['per-collection'], policyPreset: 'none', membersCsv: join(dir, 'people.csv'), force: false },
        { prompter: refusing, canPrompt: false },
      ),
    ).rejects.toThrow(/group 'Nobody' is not in the plan's groups/);
  });
});

describe('client onboard: wizard flags with a plan', () => {
  it('a wizard flag next to --plan or --plans is a usage error naming it', async () => {
    const { clientOnboardRun } = await import('../../../../src/commands/client/onboard.js');
    const untouchable = new Proxy({} as never, {
      get: () => {
        throw new Error('deps must not be used');
      },
    });
    const base = { plan: ['a.yaml'], dryRun: false, concurrency: 4 };
    await expect(clientOnboardRun({ ...base, wizard: { name: 'X', force: false } }, untouchable)).rejects.toThrow(/--name answers the wizard; leave it out with --plan/);
    await expect(clientOnboardRun({ plan: [], plans: 'dir', dryRun: false, concurrency: 4, wizard: { force: true } }, untouchable)).rejects.toThrow(/--force answers the wizard; leave it out with --plans/);
  });
});
