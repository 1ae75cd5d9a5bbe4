import type { CommandSpec } from '../spec.js';
import { licenseDownloadSpec } from './download.js';
import { licenseUpdateSpec } from './update.js';
import { licenseUploadSpec } from './upload.js';
import { licenseVerifySpec } from './verify.js';
import { licenseViewSpec } from './view.js';

export const licenseSpec: CommandSpec = {
  name: 'license',
  summary: 'Download, upload and verify organization licenses',
  subcommands: [licenseDownloadSpec, licenseUploadSpec, licenseUpdateSpec, licenseViewSpec, licenseVerifySpec],
};
