import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/**
 * Reads the .d.ts files of @kubernetes-models packages and follows a type name to its declaration across files:
 * the gateway-api package declares each type in a file of its own and imports it (`./HTTPRouteSpec.js`,
 * `../v1/GatewaySpec.js`, `@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector`) under a long alias
 * (`export type { IHTTPRouteSpec as IIoK8sSigsGatewayApiApisV1HTTPRouteSpec }`).
 */

export type TypeDeclaration = ts.InterfaceDeclaration | ts.TypeAliasDeclaration;

export interface ResolvedDeclaration {
  declaration: TypeDeclaration;
  sourceFile: ts.SourceFile;
  /** Identifies the declaration: its file and name. */
  key: string;
}

/** Finds the declaration a type name stands for in a file. */
export interface TypeResolver {
  resolve(name: string, from: ts.SourceFile): ResolvedDeclaration | undefined;
}

export class DeclarationFiles implements TypeResolver {
  private readonly files = new Map<string, ts.SourceFile>();
  private readonly paths = new Map<ts.SourceFile, string>();

  /** @param root file names in messages are relative to it. */
  constructor(private readonly root: string) {}

  /** The parsed file at an absolute path, read once. */
  sourceFile(file: string): ts.SourceFile {
    let sourceFile = this.files.get(file);
    if (!sourceFile) {
      sourceFile = ts.createSourceFile(path.relative(this.root, file), fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      this.files.set(file, sourceFile);
      this.paths.set(sourceFile, file);
    }
    return sourceFile;
  }

  /** The interface or type alias `name` stands for in `from`: declared there, re-exported under another name, or imported. */
  resolve(name: string, from: ts.SourceFile): ResolvedDeclaration | undefined {
    const local = localDeclaration(from, name);
    if (local) return { declaration: local, sourceFile: from, key: `${from.fileName}#${local.name.text}` };
    const reexported = exportedAlias(from, name);
    if (reexported) return this.resolve(reexported, from);
    const imported = importOf(from, name);
    if (!imported) return undefined;
    const file = this.resolveModule(imported.module, from);
    return file ? this.resolve(imported.name, this.sourceFile(file)) : undefined;
  }

  /** `./X.js` relative to the importing file, or a bare `@scope/pkg/sub/path` from the nearest node_modules; as .d.ts. */
  private resolveModule(specifier: string, from: ts.SourceFile): string | undefined {
    const fromPath = this.paths.get(from);
    if (!fromPath) return undefined;
    const withDts = (base: string) => base.replace(/\.js$/, '') + '.d.ts';
    if (specifier.startsWith('.')) {
      const file = withDts(path.resolve(path.dirname(fromPath), specifier));
      return fs.existsSync(file) ? file : undefined;
    }
    for (let dir = path.dirname(fromPath); ; dir = path.dirname(dir)) {
      const file = withDts(path.join(dir, 'node_modules', ...specifier.split('/')));
      if (fs.existsSync(file)) return file;
      if (path.dirname(dir) === dir) return undefined;
    }
  }
}

function localDeclaration(sourceFile: ts.SourceFile, name: string): TypeDeclaration | undefined {
  return sourceFile.statements.find(
    (s): s is TypeDeclaration => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === name,
  );
}

/** `export type { ILocal as Name }`: the local name `Name` stands for. */
function exportedAlias(sourceFile: ts.SourceFile, name: string): string | undefined {
  for (const statement of sourceFile.statements) {
    if (!ts.isExportDeclaration(statement) || statement.moduleSpecifier || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
    for (const element of statement.exportClause.elements) {
      if (element.name.text === name && element.propertyName && ts.isIdentifier(element.propertyName)) return element.propertyName.text;
    }
  }
  return undefined;
}

/** `import { Name } from "module"` (or `{ Other as Name }`): the module and the name it exports. */
function importOf(sourceFile: ts.SourceFile, name: string): { module: string; name: string } | undefined {
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      if (element.name.text === name) return { module: statement.moduleSpecifier.text, name: (element.propertyName ?? element.name).text };
    }
  }
  return undefined;
}
