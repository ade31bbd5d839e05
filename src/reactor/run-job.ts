import { personas } from '../agents/personas';
import type { ToolLoopOutcome } from '../agents/tool-loop';
import type { FetchedSource } from '../agents/tools/tool';
import type { CallScopes } from '../budget/scopes';
import { errorMessage } from '../lib/error-message';
import type { LlmRouter } from '../llm/router';
import type { ChatRequest } from '../llm/types';
import { applyCitations } from './citations';
import { toZod } from './field-schema';
import type { TaskDefinition, TaskToolName } from './task-schema';
import { render, type TemplateValues } from './template';

/** Runs one step's model call with the tools it names: the consumer wires it to the tool loop. */
export type StepToolRunner = (
  request: ChatRequest,
  tools: readonly TaskToolName[],
  spent: (micros: number) => void,
) => Promise<ToolLoopOutcome>;

export interface JobOutcome {
  result: unknown;
  costMicros: number;
  calls: number;
}

/** Raised after the one repair attempt also fails; carries what was spent getting there. */
export class InvalidOutputError extends Error {
  constructor(
    message: string,
    readonly costMicros: number,
  ) {
    super(message);
    this.name = 'InvalidOutputError';
  }
}

function parseJson(text: string): unknown {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) throw new SyntaxError('no JSON object in the answer');
  return JSON.parse(text.slice(start, end + 1));
}

/**
 * Runs one job: its steps in order through the router, the last step's answer parsed as JSON and
 * validated against the task's output schema, with one repair attempt when it does not fit.
 */
export async function runJob(
  task: TaskDefinition,
  job: { inputs: Record<string, unknown>; item: unknown; requestId: string; scopes: CallScopes },
  router: LlmRouter,
  /** Reports spend as it happens, so a job that fails later is still accounted for. */
  spent: (micros: number) => void = () => {},
  withTools?: StepToolRunner,
): Promise<JobOutcome> {
  const system = `${personas[task.agent].system}\n\n${task.prompts.system.trim()}`;
  const outputRules = `Answer with one JSON object shaped like this example: <example>${JSON.stringify(task.output.example)}</example>`;
  const values: TemplateValues = { ...job.inputs, item: job.item, steps: {} };
  const steps = values.steps as Record<string, string>;
  let costMicros = 0;
  let calls = 0;
  const fetched: FetchedSource[] = [];
  const call = async (
    prompt: string,
    maxTokens: number,
    json: boolean,
    suffix: string,
    tools?: readonly TaskToolName[],
  ) => {
    const request: ChatRequest = {
      messages: [
        { role: 'system', content: json ? `${system}\n\n${outputRules}` : system },
        { role: 'user', content: prompt },
      ],
      maxTokens,
      taskClass: task.model_class,
      json,
      scopes: job.scopes,
      requestId: `${job.requestId}:${suffix}`,
    };
    if (tools) {
      if (!withTools) throw new Error(`step ${suffix} needs tools, and none are wired here`);
      const outcome = await withTools(request, tools, spent);
      calls += outcome.modelTurns;
      costMicros += outcome.costMicros;
      fetched.push(...outcome.sources);
      return outcome.result.text;
    }
    calls += 1;
    const result = await router.chat(request);
    costMicros += result.costMicros;
    spent(result.costMicros);
    return result.text;
  };

  let answer = '';
  for (const [index, step] of task.steps.entries()) {
    const last = index === task.steps.length - 1;
    answer = await call(render(step.prompt, values), step.max_tokens, last, step.name, step.tools);
    steps[step.name] = answer;
  }
  const schema = toZod(task.output.schema);
  const check = (text: string) => {
    try {
      const parsed = schema.safeParse(parseJson(text));
      return parsed.success
        ? { ok: true as const, value: parsed.data }
        : {
            ok: false as const,
            problem: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          };
    } catch (error) {
      return { ok: false as const, problem: errorMessage(error) };
    }
  };
  const cite = (value: unknown) =>
    task.citations && value && typeof value === 'object'
      ? applyCitations(value as Record<string, unknown>, task.citations, fetched)
      : value;
  const first = check(answer);
  if (first.ok) return { result: cite(first.value), costMicros, calls };
  const last = task.steps.at(-1);
  const repaired = check(
    await call(
      `Your answer did not fit the required shape (${first.problem}). Here it is: <data>${answer.slice(0, 8_000)}</data> Answer again with the JSON object only.`,
      last?.max_tokens ?? 1_024,
      true,
      'repair',
    ),
  );
  if (repaired.ok) return { result: cite(repaired.value), costMicros, calls };
  throw new InvalidOutputError(
    `output did not fit the task's schema after one repair: ${repaired.problem}`,
    costMicros,
  );
}
