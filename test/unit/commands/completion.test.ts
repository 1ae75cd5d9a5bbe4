import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { completionScript, shells } from '../../../src/commands/completion/generate.js';
import { loadCommandTree } from '../../../src/main.js';

const files = { bash: 'bwmsp.bash', zsh: '_bwmsp', fish: 'bwmsp.fish' } as const;
const tree = await loadCommandTree();

describe('shell completions', () => {
  it.each(shells)('completions/ holds the current %s script (run `npm run generate` when this fails)', (shell) => {
    const shipped = readFileSync(new URL(`../../../completions/${files[shell]}`, import.meta.url), 'utf8');
    expect(shipped).toBe(completionScript(shell, tree));
  });

  it('the bash script completes nouns, nested verbs, flags and choices', () => {
    const script = completionScript('bash', tree);
    const complete = (line: string) => {
      const words = line.split(' ');
      const program = `${script}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}
_bwmsp; printf '%s\\n' "\${COMPREPLY[@]}"`;
      return execFileSync('bash', ['-c', program], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
    };
    expect(complete('bwmsp mem')).toEqual(['member']);
    expect(complete('bwmsp provider users c')).toEqual(['confirm']);
    expect(complete('bwmsp member invite --ro')).toEqual(['--role']);
    expect(complete('bwmsp member invite --role ')).toEqual(['owner', 'admin', 'user', 'custom']);
    expect(complete('bwmsp --format c')).toEqual(['csv']);
  });

  it('every script mentions every top-level command', () => {
    for (const shell of shells) {
      const script = completionScript(shell, tree);
      for (const spec of tree) expect(script, `${shell}: ${spec.name}`).toContain(spec.name);
    }
  });
});
