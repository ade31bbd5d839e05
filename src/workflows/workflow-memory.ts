import type { NuggetKind } from '../memory/nugget';
import type { Logger } from '../observability/logger';

/** What a workflow learnt, stored under the source `workflow:<id>`. */
export interface WorkflowLesson {
  text: string;
  kind: NuggetKind;
  tags: string[];
}

interface Remembering {
  remember(input: { text: string; kind: NuggetKind; source: string; tags: string[] }): Promise<unknown>;
}

/**
 * Stores a workflow's lesson in long-term memory. Memory helps later runs and agents but never
 * decides a run's fate: without Chroma it does nothing, and a failure is logged, not thrown.
 */
export async function rememberQuietly(
  memory: Remembering | undefined,
  workflowId: string,
  lesson: WorkflowLesson,
  log: Logger,
): Promise<void> {
  if (!memory) return;
  try {
    await memory.remember({
      text: lesson.text.slice(0, 4_000),
      kind: lesson.kind,
      source: `workflow:${workflowId}`,
      tags: [...new Set(['workflow', workflowId, ...lesson.tags])].slice(0, 10),
    });
  } catch (error) {
    log.warn('workflow lesson not stored', { workflow: workflowId, error: String(error) });
  }
}
