import type { FieldRule, UniqueRule } from './catalog';

/** A broken field or uniqueness rule: its message, and the path (below the object or list) where it points. */
export interface RuleViolation {
  message: string;
  at: string[];
}

function valueAt(data: Record<string, unknown>, dotted: string): unknown {
  let current: unknown = data;
  for (const name of dotted.split('.')) {
    if (!current || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[name];
  }
  return current;
}

/**
 * Set as the CRDs' CEL rules test it: a list not empty (`size(self.certificateRefs) > 0`), a string not empty, an
 * object present (`has(l.tls)`), even empty (so an empty `options: {}` map counts as set: a missed error at worst).
 */
function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  return !Array.isArray(value) || value.length > 0;
}

function applies(rule: FieldRule, data: Record<string, unknown>): boolean {
  return Object.entries(rule.when).every(([field, values]) => {
    const value = valueAt(data, field);
    return value === undefined || value === null ? values.includes(null) : values.some((v) => v === value);
  });
}

/** The rules `data` (an object) breaks; a field of the wrong type is left to the type check. */
export function fieldRuleViolations(rules: readonly FieldRule[], data: Record<string, unknown>): RuleViolation[] {
  const out: RuleViolation[] = [];
  for (const rule of rules) {
    if (!applies(rule, data)) continue;
    if (!rule.require && !rule.forbid) {
      out.push({ message: rule.message, at: (rule.at ?? '').split('.').filter(Boolean) });
      continue;
    }
    // `tls: {}` is present: forbidden as a key, even when empty.
    const forbidden = (rule.forbid ?? []).find((field) => {
      const value = valueAt(data, field);
      return value !== undefined && value !== null && value !== '';
    });
    if (forbidden) out.push({ message: rule.message, at: forbidden.split('.') });
    else if ((rule.require ?? []).some((group) => !group.some((field) => isSet(valueAt(data, field))))) out.push({ message: rule.message, at: [] });
  }
  return out;
}

/** Items of `items` that repeat an earlier item's values of a rule's fields (each repeat once per rule). */
export function uniqueViolations(rules: readonly UniqueRule[], items: readonly unknown[]): RuleViolation[] {
  const out: RuleViolation[] = [];
  for (const rule of rules) {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (!item || typeof item !== 'object' || Array.isArray(item)) return;
      const data = item as Record<string, unknown>;
      if ((rule.skipWithout ?? []).some((field) => valueAt(data, field) === undefined)) return;
      const values = rule.fields.map((field) => valueAt(data, field));
      const key = JSON.stringify(values.map((v) => (v === undefined || v === '' ? null : v)));
      if (!seen.has(key)) {
        seen.add(key);
        return;
      }
      const shown = values.map((v, i) => `${rule.fields[i]} ${v === undefined || v === '' ? '(none)' : String(v)}`).join(', ');
      const field = rule.fields.find((f) => valueAt(data, f) !== undefined) ?? rule.fields[0];
      out.push({ message: rule.message.replace('{value}', rule.fields.length === 1 ? JSON.stringify(values[0]) : shown), at: [String(index), field] });
    });
  }
  return out;
}
