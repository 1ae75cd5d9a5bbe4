/** The JSON Schema of plan files, generated from the zod schema (shipped as schemas/onboarding-plan.schema.json). */
import { z } from 'zod';
import { planSchema } from './schema.js';

export function planJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(planSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/bwmsp/bwmsp/schemas/onboarding-plan.schema.json',
    title: 'bwmsp onboarding plan',
    description: 'One client organization of a Bitwarden provider: details, collections, groups, policies, members, SSO and SCIM. Apply with `bwmsp client onboard --plan FILE`.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

export function planJsonSchemaText(): string {
  return `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
}
