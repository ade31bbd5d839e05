import { html, raw } from 'hono/html';

interface Operation {
  summary?: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
}

interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths?: object;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function operationHtml(path: string, method: string, operation: Operation) {
  const body = operation.requestBody?.content?.['application/json']?.schema;
  return html`<section class="op">
    <h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${path}</code></h3>
    <p>${operation.summary ?? ''}</p>
    ${
      operation.parameters?.length
        ? html`<table>
          <tr><th>parameter</th><th>in</th><th>required</th><th>description</th></tr>
          ${operation.parameters.map(
            (parameter) =>
              html`<tr><td><code>${parameter.name}</code></td><td>${parameter.in}</td><td>${parameter.required ? 'yes' : 'no'}</td><td>${parameter.description ?? ''}</td></tr>`,
          )}
        </table>`
        : ''
    }
    ${body ? html`<details><summary>request body</summary><pre>${JSON.stringify(body, null, 2)}</pre></details>` : ''}
    <ul>
      ${Object.entries(operation.responses ?? {}).map(([status, response]) => html`<li><b>${status}</b> ${response.description ?? ''}</li>`)}
    </ul>
  </section>`;
}

/** A self-contained API reference rendered from the OpenAPI document: no scripts, no CDN. */
export function renderApiReference(document: OpenApiDocument) {
  // The document was generated from this app's own route schemas, so its shape is known.
  const paths = (document.paths ?? {}) as Record<string, Record<string, Operation | undefined>>;
  const operations = Object.entries(paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method];
      return operation ? [operationHtml(path, method, operation)] : [];
    }),
  );
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${document.info.title} API reference</title>
        <style>
          ${raw(`body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
          .op{border-top:1px solid #ddd;padding:.5rem 0}.method{font:600 12px monospace;padding:2px 6px;border-radius:4px;color:#fff;background:#555}
          .get{background:#2b7a3d}.post{background:#1f5fa8}.put{background:#a86a1f}.delete{background:#a8321f}
          table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:2px 6px;text-align:left}pre{background:#f5f5f5;padding:.5rem;overflow:auto}`)}
        </style>
      </head>
      <body>
        <h1>${document.info.title} <small>${document.info.version}</small></h1>
        <p>${document.info.description ?? ''} The machine-readable spec is at <a href="/openapi.json">/openapi.json</a>.</p>
        ${operations}
      </body>
    </html>`;
}
