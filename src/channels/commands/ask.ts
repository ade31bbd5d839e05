import { agentIds, isAgentId } from '../../agents/personas';
import type { Command } from './types';

const MAX_QUESTION = 4_000;

export const askCommand: Command = {
  name: 'ask',
  usage: '/ask <agent> <question>',
  summary: 'ask a brain agent; the answer follows in this chat, within the budget caps',
  ownerOnly: true,
  async run(args, context) {
    const match = /^(\S+)\s+([\s\S]+)$/.exec(args);
    const agent = (match?.[1] ?? '').toLowerCase();
    const question = (match?.[2] ?? '').trim();
    if (!isAgentId(agent) || !question || question.length > MAX_QUESTION)
      return `Usage: /ask <agent> <question>, the agent one of ${agentIds.join(', ')}, the question at most ${MAX_QUESTION} characters`;
    const queued = await context.ask(agent, question);
    return queued.answersHere
      ? `Asked ${queued.agent}; the answer follows here (action ${queued.actionId}).`
      : `Asked ${queued.agent}; follow it at /api/actions/${queued.actionId}.`;
  },
};
