import type { CommandSpec } from '../spec.js';
import { shells, type Shell } from './generate.js';

const install: Record<Shell, string> = {
  bash: "echo 'source <(bwmsp completion bash)' >> ~/.bashrc",
  zsh: 'bwmsp completion zsh > "${fpath[1]}/_bwmsp"',
  fish: 'bwmsp completion fish > ~/.config/fish/completions/bwmsp.fish',
};

function completionVerb(shell: Shell): CommandSpec {
  return {
    name: shell,
    summary: `Print the ${shell} completion script`,
    json: false,
    examples: [
      { comment: `Load completions in the current ${shell} session`, command: shell === 'fish' ? 'bwmsp completion fish | source' : `source <(bwmsp completion ${shell})` },
      { comment: 'Install them for good', command: install[shell] },
    ],
    run: async (_input, deps) => {
      const [{ completionScript }, { loadCommandTree }] = await Promise.all([import('./generate.js'), import('../../main.js')]);
      deps.out.data(completionScript(shell, await loadCommandTree()));
    },
  };
}

export const completionSpec: CommandSpec = {
  name: 'completion',
  summary: 'Print a shell completion script',
  description: 'Completes nouns, verbs, flags, flag values and profile names. The same scripts ship in completions/.',
  subcommands: shells.map(completionVerb),
};
