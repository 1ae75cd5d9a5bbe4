// Regenerates the committed generated files from the built code (npm run generate):
// completions/ (from the command tree) and schemas/onboarding-plan.schema.json (from the plan schema).
import { mkdirSync, writeFileSync } from 'node:fs';
import { completionScript, shells } from '../dist/commands/completion/generate.js';
import { loadCommandTree } from '../dist/main.js';
import { planJsonSchemaText } from '../dist/plan/json-schema.js';

const tree = await loadCommandTree();
const names = { bash: 'bwmsp.bash', zsh: '_bwmsp', fish: 'bwmsp.fish' };
for (const shell of shells) {
  writeFileSync(new URL(`../completions/${names[shell]}`, import.meta.url), completionScript(shell, tree));
  process.stderr.write(`wrote completions/${names[shell]}\n`);
}
mkdirSync(new URL('../schemas/', import.meta.url), { recursive: true });
writeFileSync(new URL('../schemas/onboarding-plan.schema.json', import.meta.url), planJsonSchemaText());
process.stderr.write('wrote schemas/onboarding-plan.schema.json\n');
