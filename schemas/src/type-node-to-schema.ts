import * as ts from 'typescript';
import type { SchemaNode } from '../../server/src/engine/schema/catalog';
import type { ResolvedDeclaration, TypeResolver } from './declaration-files';

/**
 * Turns the type nodes of a @kubernetes-models declaration file into JSON Schema.
 * Only the shapes those files use are understood; anything else throws with its location,
 * so a new package version cannot silently loosen the schemas.
 */

type OneOfGroup = { keys: string[]; exactlyOne: boolean };

/** The members of one object type, with the converter of the file they are declared in. */
interface MemberList {
  members: readonly ts.TypeElement[];
  converter: TypeNodeConverter;
  node: ts.Node;
}

/** The JSDoc text written just before `node`, without the comment markers; undefined when there is none. */
export function leadingDocText(node: ts.Node, sourceFile: ts.SourceFile): string | undefined {
  const ranges = ts.getLeadingCommentRanges(sourceFile.text, node.pos) ?? [];
  const docs = ranges.filter((r) => sourceFile.text.startsWith('/**', r.pos));
  const last = docs[docs.length - 1];
  if (!last) return undefined;
  const body = sourceFile.text.slice(last.pos + 3, last.end - 2);
  const lines = body.split('\n').map((line) => line.replace(/^\s*\* ?/, '').trimEnd());
  // Gateway API's channel markers (`<gateway:experimental>`, experimental CEL rules) are build directives, not prose;
  // text wrapped in `<gateway:util:excludeFromCRD>` is left out of the CRDs, so out of ours too.
  const withoutExcluded = lines.join('\n').replace(/<gateway:util:excludeFromCRD>[\s\S]*?<\/gateway:util:excludeFromCRD>/g, '');
  const prose = withoutExcluded.split('\n').filter((line) => !/^<\/?gateway:[^>]*>$/.test(line.trim()));
  const text = prose.join('\n').replace(/\n{3,}/g, '\n\n').trim();
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

/**
 * Named types met while converting (the gateway-api package's `IIoK8sSigsGatewayApiApisV1HTTPRouteSpec` and the
 * like): resolved to their declarations, converted once, and copied for each use (the overlay edits nodes in place).
 */
export class TypeReferences {
  private readonly converted = new Map<string, SchemaNode>();
  private readonly inProgress = new Set<string>();
  private readonly converters = new Map<ts.SourceFile, TypeNodeConverter>();

  constructor(readonly resolver: TypeResolver) {}

  /** The converter for declarations of `sourceFile`. */
  converterFor(sourceFile: ts.SourceFile): TypeNodeConverter {
    let converter = this.converters.get(sourceFile);
    if (!converter) {
      converter = new TypeNodeConverter(sourceFile, this);
      this.converters.set(sourceFile, converter);
    }
    return converter;
  }

  /** A fresh copy of the schema of a declaration. */
  schemaOf(resolved: ResolvedDeclaration): SchemaNode {
    let schema = this.converted.get(resolved.key);
    if (!schema) {
      // The packages' types are trees; a cycle would need $ref, which completion and hover do not follow.
      if (this.inProgress.has(resolved.key)) throw new Error(`${resolved.key}: recursive type, not supported`);
      this.inProgress.add(resolved.key);
      const converter = this.converterFor(resolved.sourceFile);
      const { declaration } = resolved;
      schema = ts.isTypeAliasDeclaration(declaration) ? converter.convert(declaration.type) : converter.convertInterface(declaration);
      this.inProgress.delete(resolved.key);
      this.converted.set(resolved.key, schema);
    }
    return structuredClone(schema);
  }
}

export class TypeNodeConverter {
  /** @param references follows named types to other declarations; without it a named type is unsupported. */
  constructor(
    private readonly sourceFile: ts.SourceFile,
    private readonly references?: TypeReferences,
  ) {}

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
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && !node.typeArguments && this.references) {
      const resolved = this.references.resolver.resolve(node.typeName.text, this.sourceFile);
      if (!resolved) return this.unsupported(node, 'type reference that does not resolve');
      return this.references.schemaOf(resolved);
    }
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return { type: 'string', enum: [node.literal.text] };
    if (ts.isUnionTypeNode(node)) return this.convertUnion(node);
    if (ts.isTypeLiteralNode(node)) {
      // `{}` is how the package spells a protobuf Struct: any value.
      if (node.members.length === 0) return {};
      return this.convertObject([this.memberList(node)], []);
    }
    if (ts.isIntersectionTypeNode(node)) return this.convertIntersection(node);
    return this.unsupported(node, 'type');
  }

  /** An interface's own members and those of the interfaces it extends, as one object schema. */
  convertInterface(declaration: ts.InterfaceDeclaration): SchemaNode {
    return this.convertObject(this.interfaceMembers(declaration), []);
  }

  private interfaceMembers(declaration: ts.InterfaceDeclaration): MemberList[] {
    const lists: MemberList[] = [];
    for (const clause of declaration.heritageClauses ?? []) {
      for (const base of clause.types) {
        const resolved = ts.isIdentifier(base.expression) && !base.typeArguments ? this.references?.resolver.resolve(base.expression.text, this.sourceFile) : undefined;
        if (!resolved || !ts.isInterfaceDeclaration(resolved.declaration)) return this.unsupported(base, 'base interface');
        lists.push(...this.references!.converterFor(resolved.sourceFile).interfaceMembers(resolved.declaration));
      }
    }
    lists.push({ members: declaration.members, converter: this, node: declaration });
    return lists;
  }

  private memberList(literal: ts.TypeLiteralNode): MemberList {
    return { members: literal.members, converter: this, node: literal };
  }

  private convertUnion(node: ts.UnionTypeNode): SchemaNode {
    const members = node.types;
    if (members.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) {
      return { type: 'string', enum: members.map((t) => ((t as ts.LiteralTypeNode).literal as ts.StringLiteral).text) };
    }
    // Enumerated status codes (`301 | 302`).
    if (members.every((t) => ts.isLiteralTypeNode(t) && ts.isNumericLiteral(t.literal))) {
      const values = members.map((t) => Number(((t as ts.LiteralTypeNode).literal as ts.NumericLiteral).text));
      return { type: values.every(Number.isInteger) ? 'integer' : 'number', enum: values };
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
    return this.convertObject(literals.map((literal) => this.memberList(literal)), groups);
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

  private convertObject(lists: MemberList[], groups: OneOfGroup[]): SchemaNode {
    const properties: Record<string, SchemaNode> = {};
    const required: string[] = [];
    let mapValues: SchemaNode | undefined;
    for (const { members, converter } of lists) {
      for (const member of members) {
        if (ts.isPropertySignature(member)) {
          const name = propertyName(member.name, converter.sourceFile);
          if (!member.questionToken && !required.includes(name)) required.push(name);
          // The one-of encoding repeats the same literal several times; the first copy is enough.
          if (Object.prototype.hasOwnProperty.call(properties, name)) continue;
          const type = member.type ?? converter.unsupported(member, 'property without a type');
          properties[name] = converter.propertySchema(member, type);
        } else if (ts.isIndexSignatureDeclaration(member)) {
          const parameter = member.parameters[0];
          if (member.parameters.length !== 1 || parameter.type?.kind !== ts.SyntaxKind.StringKeyword) converter.unsupported(member, 'index signature');
          mapValues = converter.convert(member.type);
        } else {
          converter.unsupported(member, 'object member');
        }
      }
    }
    for (const group of groups) {
      for (const key of group.keys) {
        if (!(key in properties)) throw new Error(`${location(lists[0].node, this.sourceFile)}: one-of key ${key} is not a property of the object`);
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
