import { z } from 'zod';
import { type ParsedCommand, parseEmpireCommand } from './commands/parse';

const user = z.object({ login: z.string().min(1).max(100), type: z.string().optional() });
const repository = z.object({
  name: z.string().min(1).max(100),
  owner: z.object({ login: z.string().min(1).max(100) }),
});

const commentCreated = z.object({
  action: z.literal('created'),
  comment: z.object({ body: z.string().nullable(), user }),
  issue: z.object({ number: z.number().int().positive() }),
  repository,
});

const issueOpened = z.object({
  action: z.literal('opened'),
  issue: z.object({ number: z.number().int().positive(), body: z.string().nullable(), user }),
  repository,
});

export interface IssueCommand {
  command: ParsedCommand;
  login: string;
  target: { owner: string; repo: string; issue: number };
}

function fromText(
  body: string | null,
  author: z.infer<typeof user>,
  repo: z.infer<typeof repository>,
  issue: number,
): IssueCommand | undefined {
  // Bots never command: the answer comment must not be able to trigger another answer.
  if (!body || author.type === 'Bot') return undefined;
  const command = parseEmpireCommand(body);
  if (!command) return undefined;
  return { command, login: author.login.toLowerCase(), target: { owner: repo.owner.login, repo: repo.name, issue } };
}

/** The `/empire <command>` a new issue or comment carries, or undefined for any other event. */
export function issueCommandFrom(event: string | undefined, payload: unknown): IssueCommand | undefined {
  if (event === 'issue_comment') {
    const parsed = commentCreated.safeParse(payload);
    if (!parsed.success) return undefined;
    const { comment, issue, repository: repo } = parsed.data;
    return fromText(comment.body, comment.user, repo, issue.number);
  }
  if (event === 'issues') {
    const parsed = issueOpened.safeParse(payload);
    if (!parsed.success) return undefined;
    const { issue, repository: repo } = parsed.data;
    return fromText(issue.body, issue.user, repo, issue.number);
  }
  return undefined;
}
