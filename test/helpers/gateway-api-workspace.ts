import type { Location } from 'vscode-languageserver-types';
import type { Engine } from '../../server/src/engine/engine';
import { docs, engineWith, uriOf } from './engine';

/**
 * A small Gateway API workspace for the navigation tests: a shared Gateway in `infra` with two listeners, routes in
 * `shop` and `infra` naming it (and a `shop/public` that does not exist), Services, a cross-namespace backend with its
 * ReferenceGrant, a ListenerSet, a VirtualService bound to the Gateway API Gateway, and a waypoint with its users.
 */
export const gatewayApiFiles: Record<string, string> = {
  'gw.yaml': docs(
    `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: public
  namespace: infra
spec:
  gatewayClassName: istio
  listeners:
  - name: http
    port: 80
    protocol: HTTP
    allowedRoutes:
      namespaces:
        from: All
  - name: https
    port: 443
    protocol: HTTPS
    hostname: "*.example.com"
    allowedRoutes:
      namespaces:
        from: All
    tls:
      certificateRefs:
      - name: example-cert
`,
    `apiVersion: gateway.networking.k8s.io/v1
kind: ListenerSet
metadata:
  name: extra
  namespace: infra
spec:
  parentRef:
    name: public
  listeners:
  - name: admin
    port: 8443
    protocol: HTTP
`,
  ),
  'routes.yaml': docs(
    `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web
  namespace: shop
spec:
  parentRefs:
  - name: public
    namespace: infra
    sectionName: http
  - name: "public"
    namespace: infra
    sectionName: https
  hostnames:
  - web.example.com
  rules:
  - backendRefs:
    - name: web
      port: 8080
      weight: 90
    - name: web-canary
      port: 8080
      weight: 10
  - backendRefs:
    - name: db
      namespace: data
      port: 5432
    filters:
    - type: RequestMirror
      requestMirror:
        backendRef:
          name: web
          port: 8080
`,
    `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: local
  namespace: shop
spec:
  parentRefs:
  - name: public
  rules:
  - backendRefs:
    - name: web
      port: 8080
`,
    `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: internal
  namespace: infra
spec:
  parentRefs:
  - name: public
    sectionName: http
  - name: extra
    kind: ListenerSet
  rules:
  - backendRefs:
    - name: web
      namespace: shop
      port: 8080
`,
  ),
  'svc.yaml': docs(
    `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  ports:
  - name: http
    port: 8080
`,
    `apiVersion: v1
kind: Service
metadata:
  name: web-canary
  namespace: shop
spec:
  ports:
  - name: http
    port: 8080
`,
    `apiVersion: v1
kind: Service
metadata:
  name: db
  namespace: data
spec:
  ports:
  - name: tcp
    port: 5432
`,
  ),
  'grant.yaml': `apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata:
  name: shop-to-db
  namespace: data
spec:
  from:
  - group: gateway.networking.k8s.io
    kind: HTTPRoute
    namespace: shop
  to:
  - group: ""
    kind: Service
    name: db
`,
  'vs.yaml': `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: legacy
  namespace: apps
spec:
  hosts:
  - legacy.example.com
  gateways:
  - infra/public
  http:
  - route:
    - destination:
        host: legacy
`,
  'waypoint.yaml': docs(
    `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: waypoint
  namespace: mesh
spec:
  gatewayClassName: istio-waypoint
  listeners:
  - name: mesh
    port: 15008
    protocol: HBONE
`,
    `apiVersion: v1
kind: Namespace
metadata:
  name: mesh
  labels:
    istio.io/use-waypoint: waypoint
`,
    `apiVersion: v1
kind: Service
metadata:
  name: orders
  namespace: sales
  labels:
    istio.io/use-waypoint: "waypoint"
    istio.io/use-waypoint-namespace: mesh
spec:
  ports:
  - port: 80
`,
    `apiVersion: v1
kind: Pod
metadata:
  name: worker
  namespace: mesh
  labels:
    istio.io/use-waypoint: none
`,
  ),
};

export function gatewayApiWorkspace(extra: Record<string, string> = {}): Engine {
  return engineWith({ ...gatewayApiFiles, ...extra });
}

/** The offset of the `occurrence`-th `needle` in file `name`, plus `at`. */
export function offsetIn(engine: Engine, name: string, needle: string, at = 0, occurrence = 0): number {
  const text = engine.workspace.file(uriOf(name))?.parsed.text ?? '';
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`"${needle}" #${occurrence} not in ${name}`);
  }
  return offset + at;
}

/** "file:line text" of each location (1-based lines), the text being what the range covers. */
export function describeLocations(engine: Engine, locations: readonly Location[]): string[] {
  return locations.map((l) => {
    const file = engine.workspace.file(l.uri)!;
    const lines = file.parsed.lines;
    return `${l.uri.replace('file:///', '')}:${l.range.start.line + 1} ${file.parsed.text.slice(lines.offsetAt(l.range.start), lines.offsetAt(l.range.end))}`;
  });
}
