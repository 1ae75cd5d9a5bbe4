// Regenerates completions/ from the built command tree (npm run completions).
import { writeFileSync } from 'node:fs';
import { completionScript, shells } from '../dist/commands/completion/generate.js';
import { loadCommandTree } from '../dist/main.js';

const tree = await loadCommandTree();
const names = { bash: 'bwmsp.bash', zsh: '_bwmsp', fish: 'bwmsp.fish' };
for (const shell of shells) {
  writeFileSync(new URL(`../completions/${names[shell]}`, import.meta.url), completionScript(shell, tree));
  process.stderr.write(`wrote completions/${names[shell]}\n`);
}
