import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The Frictionless Data Package v2 JSON schemas (vendored under frictionless/, see SOURCES.md)
 * with Ajv: the package descriptor, and each resource's Table Schema and Table Dialect.
 */

const schema = (name: string) =>
  JSON.parse(readFileSync(`test/validators/frictionless/${name}.json`, 'utf8'));

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
// A user-interface hint in the Frictionless schemas, not a format to check.
ajv.addFormat('textarea', true);
const validators = {
  datapackage: ajv.compile(schema('datapackage')),
  tableschema: ajv.compile(schema('tableschema')),
  tabledialect: ajv.compile(schema('tabledialect')),
};

const describe = (errors: readonly ErrorObject[] | null | undefined, where: string) =>
  (errors ?? []).map((e) => `${where}${e.instancePath} ${e.message ?? ''}`.trim());

/** Every schema error of a descriptor and of its resources' schemas and dialects, one line each. */
export function dataPackageErrors(descriptor: unknown): string[] {
  const errors: string[] = [];
  if (!validators.datapackage(descriptor)) errors.push(...describe(validators.datapackage.errors, 'package'));
  const resources = (descriptor as { resources?: { name?: string; schema?: unknown; dialect?: unknown }[] })
    .resources;
  for (const r of resources ?? []) {
    if (r.schema !== undefined && !validators.tableschema(r.schema)) {
      errors.push(...describe(validators.tableschema.errors, `${r.name}.schema`));
    }
    if (r.dialect !== undefined && !validators.tabledialect(r.dialect)) {
      errors.push(...describe(validators.tabledialect.errors, `${r.name}.dialect`));
    }
  }
  return errors;
}
