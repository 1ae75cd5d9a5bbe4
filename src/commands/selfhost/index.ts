import { type CommandSpec } from '../spec.js';

export const selfhostSpec: CommandSpec = {
  name: 'selfhost',
  summary: 'Check and edit self-hosted server settings',
  subcommands: [
    {
      name: 'config',
      summary: 'Check or edit global.override.env',
      subcommands: [
        {
          name: 'check',
          summary: 'Check global.override.env and say how to fix it',
          options: [{ flags: '--bwdata <dir>', description: 'the bwdata directory of the installation', complete: 'dirs' }],
          examples: [
            { comment: 'Check an installation', command: 'bwmsp selfhost config check --bwdata /opt/bitwarden/bwdata' },
            { comment: 'As JSON', command: 'bwmsp selfhost config check --bwdata ./bwdata --json' },
          ],
        },
        {
          name: 'set',
          summary: 'Set values in global.override.env, keeping comments',
          args: ['<key=value...>'],
          options: [
            { flags: '--bwdata <dir>', description: 'the bwdata directory of the installation', complete: 'dirs' },
            { flags: '--region <region>', description: 'set the four region values together', choices: ['us', 'eu'] },
          ],
          examples: [
            { comment: 'Turn on cloud communication for billing sync', command: 'bwmsp selfhost config set globalSettings__enableCloudCommunication=true --bwdata ./bwdata' },
            { comment: 'Switch the installation to the EU cloud', command: 'bwmsp selfhost config set --region eu --bwdata ./bwdata --json' },
          ],
        },
      ],
    },
  ],
};
