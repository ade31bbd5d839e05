// A local stand-in for the GitHub REST API's issue comments
// (POST /repos/{owner}/{repo}/issues/{number}/comments): it answers 201 like GitHub and
// records every comment, for tests and `npm start`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readBodyText, sendFakeJson } from './fake-http.ts';
import { closeServer, LOOPBACK_HOST, listenLoopback } from './ports.ts';

export interface GithubComment {
  owner: string;
  repo: string;
  issue: number;
  body: string;
  authorization: string;
  apiVersion: string;
  at: string;
}

export interface FakeGithubHandle {
  /** The apiUrl to give the client. */
  url: string;
  port: number;
  comments(): GithubComment[];
  close(): Promise<void>;
}

const COMMENT_PATH = /^\/repos\/([\w.-]+)\/([\w.-]+)\/issues\/(\d+)\/comments$/;

const send = (res: ServerResponse, status: number, body: unknown) =>
  sendFakeJson(res, status, body, { 'content-type': 'application/json; charset=utf-8' });

const failure = (status: number, message: string) => ({
  message,
  documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
  status: String(status),
});

let commentId = 3567890000;

function created(comment: GithubComment, base: string) {
  commentId += 1;
  const issueUrl = `${base}/repos/${comment.owner}/${comment.repo}/issues/${comment.issue}`;
  return {
    id: commentId,
    node_id: `IC_fake${commentId}`,
    url: `${base}/repos/${comment.owner}/${comment.repo}/issues/comments/${commentId}`,
    html_url: `https://github.com/${comment.owner}/${comment.repo}/issues/${comment.issue}#issuecomment-${commentId}`,
    body: comment.body,
    user: { login: 'empire[bot]', id: 198765432, type: 'Bot', site_admin: false },
    created_at: comment.at,
    updated_at: comment.at,
    issue_url: issueUrl,
    author_association: 'NONE',
    performed_via_github_app: null,
  };
}

async function createComment(req: IncomingMessage, res: ServerResponse, match: RegExpExecArray, base: string) {
  const authorization = req.headers.authorization ?? '';
  if (!/^(Bearer|token) \S+$/.test(authorization)) {
    send(res, 401, failure(401, 'Requires authentication'));
    return undefined;
  }
  let body: unknown;
  try {
    body = JSON.parse(await readBodyText(req));
  } catch {
    send(res, 400, failure(400, 'Problems parsing JSON'));
    return undefined;
  }
  const text = (body as { body?: unknown } | null)?.body;
  if (typeof text !== 'string' || text.length === 0) {
    send(res, 422, failure(422, 'Validation Failed'));
    return undefined;
  }
  const [, owner = '', repo = '', issue = '0'] = match;
  const comment: GithubComment = {
    owner,
    repo,
    issue: Number(issue),
    body: text,
    authorization,
    apiVersion: String(req.headers['x-github-api-version'] ?? ''),
    at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  send(res, 201, created(comment, base));
  return comment;
}

export async function startFakeGithub(options: { port: number }): Promise<FakeGithubHandle> {
  const comments: GithubComment[] = [];
  let base = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname === '/__fake/comments') {
      if (req.method === 'DELETE') comments.length = 0;
      send(res, 200, comments);
      return;
    }
    const match = COMMENT_PATH.exec(url.pathname);
    if (!match || req.method !== 'POST') {
      send(res, 404, failure(404, 'Not Found'));
      return;
    }
    createComment(req, res, match, base)
      .then((comment) => {
        if (!comment) return;
        comments.push(comment);
        if (comments.length > 1000) comments.shift();
      })
      .catch(() => send(res, 400, failure(400, 'Problems parsing JSON')));
  });
  const port = await listenLoopback(server, options.port);
  base = `http://${LOOPBACK_HOST}:${port}`;
  return { url: base, port, comments: () => [...comments], close: () => closeServer(server) };
}
