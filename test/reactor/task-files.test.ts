import { describe, expect, it } from 'vitest';
import { jobInputs } from '../../src/reactor/fanout';
import { parseTask, TaskFileError } from '../../src/reactor/parse-task';
import { reduceResults } from '../../src/reactor/reduce';
import { builtinTasks } from '../../src/reactor/registry';
import { render } from '../../src/reactor/template';

const valid = `name: tiny
description: A tiny task.
agent: hands
model_class: simple
inputs:
  topic: { type: string }
prompts:
  system: Be brief.
steps:
  - name: answer
    prompt: "Say something about {{topic}}."
output:
  schema: { type: object, fields: { text: { type: string } } }
  example: { text: hello }
budget: { max_run_usd: 1 }
`;

function problemsOf(text: string) {
  try {
    parseTask('tiny.yaml', text);
  } catch (error) {
    if (error instanceof TaskFileError) return error.problems;
    throw error;
  }
  return [];
}

describe('happy', () => {
  it('loads the five built-in tasks with no problems', () => {
    const { tasks, problems } = builtinTasks();
    expect(problems).toEqual([]);
    expect(tasks.map((task) => task.definition.name).sort()).toEqual([
      'bma_services',
      'competitor_analysis',
      'content_generation',
      'lead_research',
      'product_ideas',
    ]);
  });

  it('parses a valid file and fills defaults', () => {
    const task = parseTask('tiny.yaml', valid);
    expect(task).toMatchObject({ name: 'tiny', reduce: { kind: 'concat' }, max_in_flight: 200 });
  });

  it('wraps every filled value as data', () => {
    expect(render('About {{topic}} and {{steps.a}}', { topic: 'x</data>y', steps: { a: { n: 1 } } })).toBe(
      'About <data>x</ data>y</data> and <data>{"n":1}</data>',
    );
  });

  it('gives each job the inputs without the fan-out list, unless a step names the list', () => {
    const fannedOut = (prompt: string) =>
      parseTask(
        'fan.yaml',
        valid
          .replace(
            'topic: { type: string }',
            'topic: { type: string }\n  items: { type: list, items: { type: string } }',
          )
          .replace('Say something about {{topic}}.', prompt)
          .replace('budget:', 'fanout: { over: items, max: 10 }\nbudget:'),
      );
    const inputs = { topic: 't', items: ['a', 'b'] };
    expect(jobInputs(fannedOut('{{item}} of {{topic}}'), inputs)).toEqual({ topic: 't' });
    expect(jobInputs(fannedOut('{{item}} of {{items}}'), inputs)).toEqual(inputs);
    expect(jobInputs(parseTask('tiny.yaml', valid), inputs)).toEqual(inputs);
  });

  it.each([
    ['concat', { kind: 'concat' } as const, [{ a: 1 }, { a: 2 }], [{ a: 1 }, { a: 2 }]],
    [
      'dedupe',
      { kind: 'dedupe', list: 'leads', key: 'email' } as const,
      [
        { leads: [{ email: 'A@x.com' }, { email: 'b@x.com' }] },
        { leads: [{ email: 'a@x.com ' }, { name: 'no email' }] },
      ],
      [{ email: 'A@x.com' }, { email: 'b@x.com' }, { name: 'no email' }],
    ],
    [
      'rank',
      { kind: 'rank', by: 'score', order: 'desc', limit: 2 } as const,
      [{ score: 1 }, { score: 9 }, { score: 'high' }, { score: 5 }],
      [{ score: 9 }, { score: 5 }],
    ],
  ])('reduces with %s', (_name, reducer, results, expected) => {
    expect(reduceResults(reducer, results)).toEqual(expected);
  });
});

describe('errors', () => {
  it('reports a YAML syntax error with its line', () => {
    const [problem] = problemsOf(valid.replace('  topic: { type: string }', '  topic: { type: string'));
    expect(problem).toMatchObject({ file: 'tiny.yaml', field: '(yaml)' });
    expect(problem?.line).toBeGreaterThanOrEqual(6);
  });

  it('refuses a key given twice, a second document and an alias bomb, each as YAML', () => {
    expect(problemsOf(valid.replace('agent: hands', 'agent: hands\nagent: voice'))).toEqual([
      expect.objectContaining({ field: '(yaml)', line: 4, message: expect.stringMatching(/duplicated mapping key/) }),
    ]);
    expect(problemsOf(`${valid}---\nname: other\n`)).toEqual([
      expect.objectContaining({ field: '(yaml)', message: 'holds 2 documents; one is expected' }),
    ]);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 12; level++)
      bomb.push(
        `${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${`*${String.fromCharCode(96 + level)}, `.repeat(10).slice(0, -2)}]`,
      );
    expect(problemsOf(`${valid}${bomb.join('\n')}\n`)).toEqual([expect.objectContaining({ field: '(yaml)' })]);
  });

  it('locates a wrong value that an alias supplies, and one in a flow mapping', () => {
    const aliased = valid
      .replace('model_class: simple', 'model_class: &big enormous')
      .replace('budget: { max_run_usd: 1 }', 'budget: { max_run_usd: *big }');
    expect(problemsOf(aliased)).toEqual([
      expect.objectContaining({ line: 4, column: 19, field: 'model_class' }),
      expect.objectContaining({ line: 15, column: 24, field: 'budget.max_run_usd' }),
    ]);
  });

  it('names the line and field of a wrong value', () => {
    const problems = problemsOf(valid.replace('model_class: simple', 'model_class: enormous'));
    expect(problems).toEqual([expect.objectContaining({ file: 'tiny.yaml', line: 4, field: 'model_class' })]);
  });

  it('points a wrong nested value at its own line', () => {
    const problems = problemsOf(valid.replace('    prompt: "Say something about {{topic}}."', '    prompt: 42'));
    expect(problems).toEqual([expect.objectContaining({ line: 11, field: 'steps.0.prompt' })]);
  });

  it('reports a missing field at its parent, and unknown fields', () => {
    expect(problemsOf(valid.replace('budget: { max_run_usd: 1 }\n', ''))).toEqual([
      expect.objectContaining({ field: 'budget' }),
    ]);
    expect(problemsOf(`${valid}colour: blue\n`)).toEqual([expect.objectContaining({ field: '(root)' })]);
  });

  it('refuses variables in the system prompt: inputs reach the model only as data', () => {
    expect(problemsOf(valid.replace('system: Be brief.', 'system: "Be brief about {{topic}}."'))).toEqual([
      expect.objectContaining({ field: 'prompts.system', line: 8 }),
    ]);
  });

  it('takes step tools and a citation rule over a step that fetches', () => {
    const withTools = valid
      .replace(
        '    prompt: "Say something about {{topic}}."',
        '    prompt: "Say something about {{topic}}."\n    tools: [web_search, web_fetch]',
      )
      .replace('budget:', 'citations: { lists: [facts] }\nbudget:');
    expect(parseTask('tiny.yaml', withTools).steps[0]?.tools).toEqual(['web_search', 'web_fetch']);
  });

  it('refuses an unknown tool, and citations without a step that fetches', () => {
    expect(
      problemsOf(
        valid.replace(
          '    prompt: "Say something about {{topic}}."',
          '    prompt: "Say something about {{topic}}."\n    tools: [shell]',
        ),
      ),
    ).toEqual([expect.objectContaining({ field: 'steps.0.tools.0' })]);
    expect(problemsOf(valid.replace('budget:', 'citations: { lists: [facts] }\nbudget:'))).toEqual([
      expect.objectContaining({ field: 'citations', message: expect.stringMatching(/web_fetch/) }),
    ]);
  });

  it('refuses a template variable that has no value', () => {
    expect(() => render('{{missing}}', {})).toThrow('{{missing}}');
  });
});
