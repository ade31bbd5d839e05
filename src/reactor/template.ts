/** Values to fill `{{name}}` placeholders: inputs, the fan-out `item`, and earlier `steps.<name>`. */
export type TemplateValues = Record<string, unknown>;

function lookup(values: TemplateValues, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
      values,
    );
}

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * Fills a user prompt. Each value is wrapped in <data> tags: text from outside (inputs, web
 * results, earlier model output) is material for the model, never instructions to it.
 */
export function render(template: string, values: TemplateValues): string {
  return template.replace(/\{\{\s*([a-z][\w.]*)\s*\}\}/g, (_match, path: string) => {
    const value = lookup(values, path);
    if (value === undefined) throw new Error(`the template uses {{${path}}}, which has no value`);
    return `<data>${show(value).replaceAll('</data>', '</ data>')}</data>`;
  });
}

/** Placeholders a template uses, to check them against the task's inputs when the task is loaded. */
export const placeholders = (template: string) =>
  [...template.matchAll(/\{\{\s*([a-z][\w.]*)\s*\}\}/g)].map((match) => match[1] ?? '');
