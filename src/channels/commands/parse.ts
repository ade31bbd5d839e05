export interface ParsedCommand {
  name: string;
  args: string;
}

const MAX_ARGS = 2_000;

function split(rest: string): ParsedCommand | undefined {
  const match = /^([a-z]{2,20})(?:\s+([\s\S]*))?$/i.exec(rest.trim());
  if (!match?.[1]) return undefined;
  return { name: match[1].toLowerCase(), args: (match[2] ?? '').trim().slice(0, MAX_ARGS) };
}

/** `/status`, `/status@some_bot`, `/run topic text`; any other text is not a command. */
export function parseTelegramCommand(text: string): ParsedCommand | undefined {
  const match = /^\/([a-z]{2,20})(?:@\w+)?(?:\s+([\s\S]*))?$/i.exec(text.trim());
  if (!match?.[1]) return undefined;
  return { name: match[1].toLowerCase(), args: (match[2] ?? '').trim().slice(0, MAX_ARGS) };
}

/** The first line of an issue or comment: `/empire <command> [args]`. */
export function parseEmpireCommand(text: string): ParsedCommand | undefined {
  const firstLine = text.trimStart().split(/\r?\n/, 1)[0] ?? '';
  const match = /^\/empire\s+(.+)$/i.exec(firstLine.trim());
  return match?.[1] ? split(match[1]) : undefined;
}
