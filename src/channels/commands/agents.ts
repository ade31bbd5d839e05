import { agentIds, isAgentId } from '../../agents/personas';
import type { Command } from './types';

function pauseCommand(paused: boolean): Command {
  const name = paused ? 'pause' : 'resume';
  return {
    name,
    usage: `/${name} <agent>`,
    summary: paused ? 'stop an agent taking new work' : 'let a paused agent work again',
    async run(args, context) {
      const agent = args.toLowerCase();
      if (!isAgentId(agent)) return `Usage: /${name} <agent>, one of ${agentIds.join(', ')}`;
      const line = await context.setPaused(agent, paused);
      return `${line.agent} is now ${line.status}.`;
    },
  };
}

export const pauseAgentCommand = pauseCommand(true);
export const resumeAgentCommand = pauseCommand(false);
