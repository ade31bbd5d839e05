import { ConflictError, InvalidInputError, NotFoundError, UnavailableError } from '../../lib/domain-errors';
import { pauseAgentCommand, resumeAgentCommand } from './agents';
import { askCommand } from './ask';
import { alertsCommand, budgetCommand, spendCommand } from './budget';
import { approveCommand, draftsCommand, rejectCommand } from './content';
import { lines } from './format';
import { leadCommand, leadsCommand } from './leads';
import type { ParsedCommand } from './parse';
import { runCommand } from './run';
import { insightsCommand, linkCommand, salesCommand } from './sales';
import { statusCommand } from './status';
import type { Command, CommandContext, RichAnswer } from './types';

export const commands: readonly Command[] = [
  statusCommand,
  budgetCommand,
  spendCommand,
  runCommand,
  leadsCommand,
  leadCommand,
  pauseAgentCommand,
  resumeAgentCommand,
  alertsCommand,
  draftsCommand,
  approveCommand,
  rejectCommand,
  askCommand,
  salesCommand,
  linkCommand,
  insightsCommand,
];

const byName = new Map(commands.map((command) => [command.name, command]));

export const helpText = (prefix: string) =>
  lines('Commands:', ...commands.map((command) => `${prefix}${command.usage.slice(1)} - ${command.summary}`));

export interface Answer {
  text: string;
  buttons?: RichAnswer['buttons'];
  /** Set when the command failed in a way the operator should see in the logs. */
  failure?: unknown;
}

/** A refusal the user can act on; its message is the answer. */
const isRefusal = (error: unknown): error is Error =>
  error instanceof NotFoundError || error instanceof ConflictError || error instanceof InvalidInputError;

/**
 * Runs one parsed command to a plain-text answer. A refusal the context raises as a
 * domain error is shown to the user; anything else is reported without its details.
 */
export async function answerCommand(
  parsed: ParsedCommand,
  context: CommandContext,
  prefix = '/',
  caller: { owner: boolean } = { owner: true },
): Promise<Answer> {
  const command = byName.get(parsed.name);
  if (!command) return { text: lines(`Unknown command ${prefix}${parsed.name}.`, helpText(prefix)) };
  if (command.ownerOnly && !caller.owner) return { text: `Only the owner's chat may use ${prefix}${command.name}.` };
  try {
    const answer = await command.run(parsed.args, context);
    return typeof answer === 'string' ? { text: answer } : answer;
  } catch (error) {
    if (isRefusal(error)) return { text: error.message };
    if (error instanceof UnavailableError) return { text: error.message, failure: error };
    return { text: `${prefix}${command.name} failed; the details are in the logs.`, failure: error };
  }
}
