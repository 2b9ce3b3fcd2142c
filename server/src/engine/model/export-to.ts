/** Whether a resource in `ownNamespace` with `exportTo` is visible from `namespace` (empty exportTo means everywhere). */
export function isExportedTo(exportTo: readonly string[], ownNamespace: string, namespace: string): boolean {
  if (!exportTo.length) return true;
  return exportTo.some((e) => e === '*' || e === namespace || (e === '.' && ownNamespace === namespace));
}
