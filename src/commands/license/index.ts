import { clientOption, type CommandSpec } from '../spec.js';
import { licenseVerifySpec } from './verify.js';
import { licenseViewSpec } from './view.js';

export const licenseSpec: CommandSpec = {
  name: 'license',
  summary: 'Download, upload and verify organization licenses',
  subcommands: [
    {
      name: 'download',
      summary: "Download a client's license for its self-hosted server",
      options: [
        clientOption,
        { flags: '--installation-id <id>', description: 'installation id of the self-hosted server' },
        { flags: '-o, --output <file>', description: 'write the license here (default: stdout)', complete: 'files' },
      ],
      examples: [
        { comment: 'Save a license file', command: "bwmsp license download --client 'Contoso Ltd' --installation-id 0b6e... -o contoso.json" },
        { comment: 'Print the license to stdout', command: "bwmsp license download --client 'Contoso Ltd' --installation-id 0b6e..." },
      ],
    },
    {
      name: 'upload',
      summary: 'Create a self-hosted organization from a license',
      args: ['<file>'],
      options: [{ flags: '--collection <name>', description: 'name of the first collection', defaultValue: 'Default collection' }],
      examples: [
        { comment: 'Create the organization on the self-hosted server', command: 'bwmsp license upload contoso.json --profile contoso-selfhost' },
        { comment: 'Same, printing the organization as JSON', command: 'bwmsp license upload contoso.json --profile contoso-selfhost --json' },
      ],
    },
    {
      name: 'update',
      summary: 'Replace the license of a self-hosted organization',
      args: ['<file>'],
      options: [{ flags: '--org <org-id>', description: 'self-hosted organization id' }],
      examples: [
        { comment: 'Apply a renewed license', command: 'bwmsp license update contoso.json --org 1f0c... --profile contoso-selfhost' },
        { comment: 'Same, result as JSON', command: 'bwmsp license update contoso.json --org 1f0c... --json' },
      ],
    },
    licenseViewSpec,
    licenseVerifySpec,
  ],
};
