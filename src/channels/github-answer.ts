import type { CommandScope } from '../../workers/channels/command-context';
import type { Logger } from '../observability/logger';
import { answerCommand } from './commands';
import { type GithubSettings, postIssueComment } from './github-client';
import type { IssueCommand } from './github-event';

/** Runs an issue command and posts its answer as a comment; never throws, so it can run after the response. */
export async function answerOnGithub(
  issueCommand: IssueCommand,
  scope: CommandScope,
  settings: GithubSettings,
  log: Logger,
): Promise<void> {
  const { command, target } = issueCommand;
  try {
    const answer = await answerCommand(command, scope.context, '/empire ');
    if (answer.failure !== undefined)
      log.error('github command failed', { command: command.name, error: String(answer.failure) });
    await postIssueComment(settings, target, answer.text);
  } catch (error) {
    log.error('github answer failed', { command: command.name, issue: target.issue, error: String(error) });
  } finally {
    await scope.close();
  }
}
