export const amount = (value: number, currency: string) => `${value.toFixed(2)} ${currency}`;

/** Chat apps cap message length; the tail is dropped with a visible mark. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 2)}\n…`;
}

export const lines = (...parts: (string | false | null | undefined)[]) =>
  parts.filter((part): part is string => typeof part === 'string').join('\n');
