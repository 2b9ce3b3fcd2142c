/** The traffic view's HTML page, with a strict Content Security Policy. No `vscode` here so it can be tested under Node. */

export interface TrafficViewPage {
  /** `webview.cspSource`. */
  cspSource: string;
  /** `webview.asWebviewUri` of dist/traffic-view.js and dist/traffic-view.css. */
  scriptUri: string;
  styleUri: string;
  /** Fresh for every page: only the script carrying it runs. */
  nonce: string;
}

/** The page: no inline style or script, images and styles only from the extension, the one bundled script by its nonce. */
export function trafficViewHtml(page: TrafficViewPage): string {
  const csp = [
    "default-src 'none'",
    `img-src ${page.cspSource} data:`,
    `style-src ${page.cspSource}`,
    `script-src 'nonce-${page.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(page.styleUri)}">
<title>Istio Traffic</title>
</head>
<body>
<div id="app"></div>
<script nonce="${escapeAttribute(page.nonce)}" src="${escapeAttribute(page.scriptUri)}"></script>
</body>
</html>
`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
