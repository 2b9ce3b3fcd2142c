import * as ts from 'typescript';
import type { SchemaNode } from '../../server/src/engine/schema/catalog';

/**
 * Turns the type nodes of a @kubernetes-models declaration file into JSON Schema.
 * Only the shapes those files use are understood; anything else throws with its location,
 * so a new package version cannot silently loosen the schemas.
 */

type OneOfGroup = { keys: string[]; exactlyOne: boolean };

/** The JSDoc text written just before `node`, without the comment markers; undefined when there is none. */
export function leadingDocText(node: ts.Node, sourceFile: ts.SourceFile): string | undefined {
  const ranges = ts.getLeadingCommentRanges(sourceFile.text, node.pos) ?? [];
  const docs = ranges.filter((r) => sourceFile.text.startsWith('/**', r.pos));
  const last = docs[docs.length - 1];
  if (!last) return undefined;
  const body = sourceFile.text.slice(last.pos + 3, last.end - 2);
  const lines = body.split('\n').map((line) => line.replace(/^\s*\* ?/, '').trimEnd());
  const text = lines.join('\n').trim();
  return text === '' ? undefined : text;
}

/** Where a node is, for error messages: "file.d.ts:12:5". */
export function location(node: ts.Node, sourceFile: ts.SourceFile): string {
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
  return `${sourceFile.fileName}:${line + 1}:${character + 1}`;
}

/** The text of a property name written as an identifier or a string literal. */
export function propertyName(name: ts.PropertyName, sourceFile: ts.SourceFile): string {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  throw new Error(`${location(name, sourceFile)}: unsupported property name ${ts.SyntaxKind[name.kind]}`);
}

export class TypeNodeConverter {
  constructor(private readonly sourceFile: ts.SourceFile) {}

  /** The schema of one type node (no description; callers add the property's own). */
  convert(node: ts.TypeNode): SchemaNode {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { type: 'string' };
      case ts.SyntaxKind.NumberKeyword:
        return { type: 'number' };
      case ts.SyntaxKind.BooleanKeyword:
        return { type: 'boolean' };
      // protobuf Struct/Value/Any fields: anything goes.
      case ts.SyntaxKind.AnyKeyword:
      case ts.SyntaxKind.UnknownKeyword:
      case ts.SyntaxKind.ObjectKeyword:
        return {};
    }
    if (ts.isParenthesizedTypeNode(node)) return this.convert(node.type);
    if (ts.isArrayTypeNode(node)) return { type: 'array', items: this.convert(node.elementType) };
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && node.typeName.text === 'Array' && node.typeArguments?.length === 1) {
      return { type: 'array', items: this.convert(node.typeArguments[0]) };
    }
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return { type: 'string', enum: [node.literal.text] };
    if (ts.isUnionTypeNode(node)) return this.convertUnion(node);
    if (ts.isTypeLiteralNode(node)) {
      // `{}` is how the package spells a protobuf Struct: any value.
      if (node.members.length === 0) return {};
      return this.convertObject([node], []);
    }
    if (ts.isIntersectionTypeNode(node)) return this.convertIntersection(node);
    return this.unsupported(node, 'type');
  }

  private convertUnion(node: ts.UnionTypeNode): SchemaNode {
    const members = node.types;
    if (members.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) {
      return { type: 'string', enum: members.map((t) => ((t as ts.LiteralTypeNode).literal as ts.StringLiteral).text) };
    }
    const keywordTypes: Array<'string' | 'number'> = [];
    for (const member of members) {
      if (member.kind === ts.SyntaxKind.StringKeyword) keywordTypes.push('string');
      else if (member.kind === ts.SyntaxKind.NumberKeyword) keywordTypes.push('number');
      else return this.unsupported(member, 'union member');
    }
    // int-or-string fields, e.g. `number | string`.
    return { type: [...new Set(keywordTypes)].sort() };
  }

  /** `{own props} & (oneof alternatives) & ...`: the literals give the properties, each union one x-one-of group. */
  private convertIntersection(node: ts.IntersectionTypeNode): SchemaNode {
    const literals: ts.TypeLiteralNode[] = [];
    const unions: ts.UnionTypeNode[] = [];
    this.flattenIntersection(node, literals, unions);
    if (literals.length === 0) return this.unsupported(node, 'intersection without an object literal');
    const ownRequired = new Set<string>();
    for (const literal of literals) {
      for (const member of literal.members) {
        if (ts.isPropertySignature(member) && !member.questionToken) ownRequired.add(propertyName(member.name, this.sourceFile));
      }
    }
    const groups = unions.map((union) => this.oneOfGroup(union, ownRequired));
    return this.convertObject(literals, groups);
  }

  private flattenIntersection(node: ts.IntersectionTypeNode, literals: ts.TypeLiteralNode[], unions: ts.UnionTypeNode[]): void {
    for (const part of node.types) {
      const inner = unwrapParentheses(part);
      if (ts.isTypeLiteralNode(inner)) literals.push(inner);
      else if (ts.isIntersectionTypeNode(inner)) this.flattenIntersection(inner, literals, unions);
      else if (ts.isUnionTypeNode(inner)) unions.push(inner);
      else this.unsupported(inner, 'intersection member');
    }
  }

  /**
   * One protobuf oneof: each alternative makes one more key required. An `Exclude<...>`
   * alternative stands for "none of them set", so the group is then optional.
   */
  private oneOfGroup(union: ts.UnionTypeNode, ownRequired: Set<string>): OneOfGroup {
    let exactlyOne = true;
    const keys: string[] = [];
    for (const alternative of union.types) {
      const inner = unwrapParentheses(alternative);
      if (ts.isTypeReferenceNode(inner) && ts.isIdentifier(inner.typeName) && inner.typeName.text === 'Exclude' && inner.typeArguments?.length === 2) {
        exactlyOne = false;
        continue;
      }
      const literals: ts.TypeLiteralNode[] = [];
      if (ts.isTypeLiteralNode(inner)) literals.push(inner);
      else if (ts.isIntersectionTypeNode(inner)) {
        const nestedUnions: ts.UnionTypeNode[] = [];
        this.flattenIntersection(inner, literals, nestedUnions);
        if (nestedUnions.length > 0) this.unsupported(inner, 'one-of alternative with a nested union');
      } else this.unsupported(inner, 'one-of alternative');
      const before = keys.length;
      for (const literal of literals) {
        for (const member of literal.members) {
          if (!ts.isPropertySignature(member) || member.questionToken) continue;
          const name = propertyName(member.name, this.sourceFile);
          if (!ownRequired.has(name) && !keys.includes(name)) keys.push(name);
        }
      }
      if (keys.length === before) this.unsupported(inner, 'one-of alternative that requires no new key');
    }
    return { keys, exactlyOne };
  }

  private convertObject(literals: ts.TypeLiteralNode[], groups: OneOfGroup[]): SchemaNode {
    const properties: Record<string, SchemaNode> = {};
    const required: string[] = [];
    let mapValues: SchemaNode | undefined;
    for (const literal of literals) {
      for (const member of literal.members) {
        if (ts.isPropertySignature(member)) {
          const name = propertyName(member.name, this.sourceFile);
          if (!member.questionToken && !required.includes(name)) required.push(name);
          // The one-of encoding repeats the same literal several times; the first copy is enough.
          if (Object.prototype.hasOwnProperty.call(properties, name)) continue;
          if (!member.type) this.unsupported(member, 'property without a type');
          properties[name] = this.propertySchema(member, member.type);
        } else if (ts.isIndexSignatureDeclaration(member)) {
          const parameter = member.parameters[0];
          if (member.parameters.length !== 1 || parameter.type?.kind !== ts.SyntaxKind.StringKeyword) this.unsupported(member, 'index signature');
          mapValues = this.convert(member.type);
        } else {
          this.unsupported(member, 'object member');
        }
      }
    }
    for (const group of groups) {
      for (const key of group.keys) {
        if (!(key in properties)) throw new Error(`${location(literals[0], this.sourceFile)}: one-of key ${key} is not a property of the object`);
      }
    }
    const schema: SchemaNode = { type: 'object' };
    if (Object.keys(properties).length > 0) schema.properties = properties;
    if (required.length > 0) schema.required = required;
    schema.additionalProperties = mapValues ?? false;
    if (groups.length > 0) schema['x-one-of'] = groups;
    return schema;
  }

  private propertySchema(member: ts.PropertySignature, type: ts.TypeNode): SchemaNode {
    const schema = this.convert(type);
    let description = leadingDocText(member, this.sourceFile);
    // The enum already lists the values; the prose copy can go stale and only adds noise.
    if (description && schema.enum) description = description.replace(/\n*^Valid Options:.*$/m, '').trim();
    return description ? { description, ...schema } : schema;
  }

  private unsupported(node: ts.Node, what: string): never {
    const snippet = node.getText(this.sourceFile).replace(/\s+/g, ' ').slice(0, 80);
    throw new Error(`${location(node, this.sourceFile)}: unsupported ${what} (${ts.SyntaxKind[node.kind]}): ${snippet}`);
  }
}

function unwrapParentheses(node: ts.TypeNode): ts.TypeNode {
  return ts.isParenthesizedTypeNode(node) ? unwrapParentheses(node.type) : node;
}
