import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { FieldRule, SchemaNode, UniqueRule } from './catalog';
import { fieldRuleViolations, uniqueViolations, type RuleViolation } from './field-rules';

type OneOfGroup = NonNullable<SchemaNode['x-one-of']>[number];

export interface OneOfViolation {
  keys: string[];
  present: string[];
  exactlyOne: boolean;
  hint?: string;
}

/** The ajv error of a broken `x-field-rules` or `x-unique-by` rule: `params` is the RuleViolation. */
function ruleErrors(keyword: string, violations: RuleViolation[]): Array<Partial<ErrorObject>> {
  return violations.map((v) => ({ keyword, params: v as unknown as Record<string, unknown>, message: v.message }));
}

/** An ajv instance that understands our `x-` keywords. */
export function createAjv(): Ajv {
  // optimize: false halves compile time (about 170 ms less for the four main kinds, paid when the first file of each
  // kind is checked); validation is at most 10% slower (about 5 ms per 10,000 resources).
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, validateSchema: false, code: { optimize: false } });
  ajv.addKeyword({ keyword: 'x-pattern-hint', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-deprecated-values', schemaType: 'array' });
  ajv.addKeyword({
    keyword: 'x-one-of',
    type: 'object',
    schemaType: 'array',
    errors: true,
    validate: function checkOneOf(groups: OneOfGroup[], data: Record<string, unknown>): boolean {
      const errors: Array<Partial<ErrorObject>> = [];
      for (const group of groups) {
        const present = group.keys.filter((k) => data[k] !== undefined && data[k] !== null);
        if (present.length > 1 || (group.exactlyOne && present.length === 0)) {
          const params: OneOfViolation = { keys: group.keys, present, exactlyOne: group.exactlyOne, ...(group.hint ? { hint: group.hint } : {}) };
          errors.push({ keyword: 'x-one-of', params: params as unknown as Record<string, unknown>, message: 'one-of' });
        }
      }
      (checkOneOf as unknown as { errors: Array<Partial<ErrorObject>> }).errors = errors;
      return errors.length === 0;
    },
  });
  ajv.addKeyword({
    keyword: 'x-field-rules',
    type: 'object',
    schemaType: 'array',
    errors: true,
    validate: function checkFieldRules(rules: FieldRule[], data: Record<string, unknown>): boolean {
      const errors = ruleErrors('x-field-rules', fieldRuleViolations(rules, data));
      (checkFieldRules as unknown as { errors: Array<Partial<ErrorObject>> }).errors = errors;
      return errors.length === 0;
    },
  });
  ajv.addKeyword({
    keyword: 'x-unique-by',
    type: 'array',
    schemaType: 'array',
    errors: true,
    validate: function checkUnique(rules: UniqueRule[], data: unknown[]): boolean {
      const errors = ruleErrors('x-unique-by', uniqueViolations(rules, data));
      (checkUnique as unknown as { errors: Array<Partial<ErrorObject>> }).errors = errors;
      return errors.length === 0;
    },
  });
  return ajv;
}

/** Compiles each schema once, on first use. */
export class ValidatorCache {
  private readonly ajv = createAjv();
  private readonly compiled = new Map<string, ValidateFunction>();

  get(key: string, schema: SchemaNode): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.compiled.set(key, validate);
    }
    return validate;
  }
}
